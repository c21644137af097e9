package dev.covenant.registry.testing;

import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.JsonBodies;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /_covenant/provider-states}: the state change URL for pact verifiers. A set-up empties the store
 * and builds the named state; a teardown changes nothing (the next set-up starts from an empty store anyway).
 * An unknown state is refused before anything is emptied.
 */
@RestController
@ConditionalOnProperty(name = ProviderStatesConfiguration.SWITCH, havingValue = "true")
class ProviderStateController {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderStateController.class);

    private final JsonMapper json;
    private final StoreReset reset;
    private final PinnedIds ids;

    ProviderStateController(JsonMapper json, StoreReset reset, PinnedIds ids) {
        this.json = json;
        this.reset = reset;
        this.ids = ids;
    }

    @PostMapping("/_covenant/provider-states")
    Mono<ResponseEntity<Map<String, Object>>> change(ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), JsonBodies.MAX_BODY)
                .map(body -> StateChange.parse(JsonBodies.object(json, body)))
                .flatMap(change -> apply(change, exchange))
                .thenReturn(ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of()));
    }

    private Mono<Void> apply(StateChange change, ServerWebExchange exchange) {
        if (change.action() == StateChange.Action.TEARDOWN) {
            return Mono.empty();
        }
        UnaryOperator<Fixture> setUp = ProviderStates.named(change.state())
                .orElseThrow(() -> new InvalidRequestException("state", "unknown provider state '" + change.state() + "'"));
        LOG.info("Setting up provider state '{}' on an emptied store", change.state());
        Fixture fixture = setUp.apply(new Fixture(loopback(exchange), ids));
        return Mono.fromRunnable(ids::clear)
                .then(reset.reset())
                .then(fixture.build());
    }

    /** The registry's own API, on the address this request came in on. */
    private WebClient loopback(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        int port = local == null ? 8080 : local.getPort();
        return WebClient.builder()
                .baseUrl("http://localhost:" + port)
                .build();
    }
}
