package dev.covenant.registry.webhooks;

import dev.covenant.registry.notifications.TargetPolicy;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.JsonBodies;
import dev.covenant.registry.system.Links;
import dev.covenant.registry.system.NotFoundException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The Pact Broker's {@code /webhooks} API: create (POST, or PUT with a uuid), read, update, delete, execute. */
@RestController
class WebhookController {

    static final Pattern UUID_PATTERN = Pattern.compile("^[A-Za-z0-9_\\-]{16,}$");

    private final WebhookStore store;
    private final WebhookExecutions executions;
    private final Pacticipants pacticipants;
    private final TargetPolicy policy;
    private final JsonMapper json;
    private final Clock clock;

    WebhookController(WebhookStore store, WebhookExecutions executions, Pacticipants pacticipants, TargetPolicy policy,
            JsonMapper json, Clock clock) {
        this.store = store;
        this.executions = executions;
        this.pacticipants = pacticipants;
        this.policy = policy;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/webhooks")
    Mono<ResponseEntity<Map<String, Object>>> list(ServerWebExchange exchange) {
        return collection(exchange, webhook -> true);
    }

    @GetMapping("/webhooks/provider/{provider}")
    Mono<ResponseEntity<Map<String, Object>>> ofProvider(@PathVariable String provider, ServerWebExchange exchange) {
        return collection(exchange, webhook -> named(webhook.provider(), provider));
    }

    @GetMapping("/webhooks/consumer/{consumer}")
    Mono<ResponseEntity<Map<String, Object>>> ofConsumer(@PathVariable String consumer, ServerWebExchange exchange) {
        return collection(exchange, webhook -> named(webhook.consumer(), consumer));
    }

    @GetMapping("/webhooks/provider/{provider}/consumer/{consumer}")
    Mono<ResponseEntity<Map<String, Object>>> ofPact(@PathVariable String provider, @PathVariable String consumer,
            ServerWebExchange exchange) {
        return collection(exchange, webhook -> named(webhook.provider(), provider) && named(webhook.consumer(), consumer));
    }

    @PostMapping("/webhooks")
    Mono<ResponseEntity<Map<String, Object>>> create(ServerWebExchange exchange) {
        return save(UUID.randomUUID().toString(), exchange, null, null);
    }

    @PostMapping("/webhooks/provider/{provider}")
    Mono<ResponseEntity<Map<String, Object>>> createForProvider(@PathVariable String provider, ServerWebExchange exchange) {
        return save(UUID.randomUUID().toString(), exchange, null, provider);
    }

    @PostMapping("/webhooks/consumer/{consumer}")
    Mono<ResponseEntity<Map<String, Object>>> createForConsumer(@PathVariable String consumer, ServerWebExchange exchange) {
        return save(UUID.randomUUID().toString(), exchange, consumer, null);
    }

    @PostMapping("/webhooks/provider/{provider}/consumer/{consumer}")
    Mono<ResponseEntity<Map<String, Object>>> createForPact(@PathVariable String provider, @PathVariable String consumer,
            ServerWebExchange exchange) {
        return save(UUID.randomUUID().toString(), exchange, consumer, provider);
    }

    @GetMapping("/webhooks/{uuid}")
    Mono<ResponseEntity<Map<String, Object>>> show(@PathVariable String uuid, ServerWebExchange exchange) {
        return require(uuid).map(webhook -> Hal.ok(WebhookViews.webhook(Links.of(exchange), webhook, json)));
    }

    @PutMapping("/webhooks/{uuid}")
    Mono<ResponseEntity<Map<String, Object>>> put(@PathVariable String uuid, ServerWebExchange exchange) {
        if (!UUID_PATTERN.matcher(uuid).matches()) {
            return Mono.error(new InvalidRequestException("uuid",
                    "must be at least 16 characters of letters, numbers, '_' and '-'"));
        }
        return save(uuid, exchange, null, null);
    }

    @DeleteMapping("/webhooks/{uuid}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String uuid) {
        return store.delete(uuid)
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No webhook with uuid " + uuid)))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PostMapping("/webhooks/{uuid}/execute")
    Mono<ResponseEntity<Map<String, Object>>> execute(@PathVariable String uuid, ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return require(uuid)
                .flatMap(webhook -> executions.execute(webhook))
                .map(result -> Hal.status(result.success() ? HttpStatus.OK : HttpStatus.INTERNAL_SERVER_ERROR,
                        result.view(links, uuid, json)));
    }

    private Mono<Webhook> require(String uuid) {
        return store.find(uuid).switchIfEmpty(Mono.error(() -> new NotFoundException("No webhook with uuid " + uuid)));
    }

    private Mono<ResponseEntity<Map<String, Object>>> save(String uuid, ServerWebExchange exchange, String consumer,
            String provider) {
        Links links = Links.of(exchange);
        return Bodies.read(exchange.getRequest(), JsonBodies.MAX_BODY)
                .map(body -> WebhookParser.parse(JsonBodies.object(json, body), policy, json))
                .flatMap(parsed -> requireExists(parsed.consumer(), consumer, "consumer")
                        .zipWith(requireExists(parsed.provider(), provider, "provider"))
                        .flatMap(selectors -> store.find(uuid)
                                .map(java.util.Optional::of)
                                .defaultIfEmpty(java.util.Optional.empty())
                                .flatMap(existing -> store.save(new Webhook(uuid, parsed.description(), parsed.enabled(),
                                                parsed.events(), parsed.request(), selectors.getT1().orElse(null),
                                                selectors.getT2().orElse(null),
                                                existing.map(Webhook::createdAt).orElse(clock.instant()), clock.instant()))
                                        .map(saved -> respond(links, saved, existing.isEmpty())))));
    }

    private ResponseEntity<Map<String, Object>> respond(Links links, Webhook saved, boolean created) {
        Map<String, Object> body = WebhookViews.webhook(links, saved, json);
        if (!created) {
            return Hal.ok(body);
        }
        return ResponseEntity.created(URI.create(links.href("webhooks", saved.uuid())))
                .contentType(Hal.HAL_JSON).body(body);
    }

    /** The selector from the body or the path; a named pacticipant must exist (as in the Pact Broker). */
    private Mono<java.util.Optional<Webhook.Selector>> requireExists(Webhook.Selector fromBody, String fromPath,
            String field) {
        Webhook.Selector selector = fromPath != null ? new Webhook.Selector(fromPath, null) : fromBody;
        if (selector == null || selector.name() == null) {
            return Mono.just(java.util.Optional.ofNullable(selector));
        }
        // Named in the path, a missing pacticipant is a missing resource (404); named in the body, a bad request.
        RuntimeException missing = fromPath != null
                ? new NotFoundException("No " + field + " with name '" + selector.name() + "' found")
                : new InvalidRequestException(field + ".name", "No " + field + " with name '" + selector.name() + "' found");
        return pacticipants.application(selector.name())
                .map(found -> java.util.Optional.of(selector))
                .switchIfEmpty(Mono.error(missing));
    }

    private Mono<ResponseEntity<Map<String, Object>>> collection(ServerWebExchange exchange, Predicate<Webhook> filter) {
        Links links = Links.of(exchange);
        String self = links.base() + exchange.getRequest().getPath().pathWithinApplication().value();
        return store.all().filter(filter).collectList()
                .map(webhooks -> Hal.ok(WebhookViews.collection(links, self, webhooks, json)));
    }

    private static boolean named(Webhook.Selector selector, String name) {
        return selector != null && name.equals(selector.name());
    }
}
