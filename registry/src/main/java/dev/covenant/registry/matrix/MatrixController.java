package dev.covenant.registry.matrix;

import dev.covenant.registry.matrix.MatrixQuery.Target;
import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.Links;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code /matrix}, {@code /can-i-deploy} and {@code /can-i-merge}. */
@RestController
class MatrixController {

    private final MatrixService matrix;

    MatrixController(MatrixService matrix) {
        this.matrix = matrix;
    }

    @GetMapping("/matrix")
    Mono<ResponseEntity<Map<String, Object>>> matrix(ServerWebExchange exchange) {
        return Mono.fromCallable(() -> MatrixQueryParser.parse(exchange.getRequest().getURI().getRawQuery()))
                .flatMap(matrix::query)
                .map(result -> Hal.ok(MatrixViews.result(Links.of(exchange), result)));
    }

    @GetMapping("/can-i-deploy")
    Mono<ResponseEntity<Map<String, Object>>> canIDeploy(@RequestParam(required = false) String pacticipant,
            @RequestParam(required = false) String version, @RequestParam(required = false) String environment,
            @RequestParam(name = "to", required = false) String tag, ServerWebExchange exchange) {
        require(pacticipant, "pacticipant");
        require(version, "version");
        if ((environment == null) == (tag == null)) {
            throw new InvalidRequestException("environment", "Specify exactly one of environment or to (a tag)");
        }
        Target target = environment != null ? new Target(environment, null, false) : new Target(null, tag, false);
        return answer(pacticipant, version, target, exchange);
    }

    @GetMapping("/can-i-merge")
    Mono<ResponseEntity<Map<String, Object>>> canIMerge(@RequestParam(required = false) String pacticipant,
            @RequestParam(required = false) String version, ServerWebExchange exchange) {
        require(pacticipant, "pacticipant");
        require(version, "version");
        return answer(pacticipant, version, new Target(null, null, true), exchange);
    }

    private Mono<ResponseEntity<Map<String, Object>>> answer(String pacticipant, String version, Target target,
            ServerWebExchange exchange) {
        return matrix.query(MatrixQuery.forVersion(pacticipant, version, target)).map(result -> Hal.ok(MatrixViews.result(Links.of(exchange), result)));
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(name, "Missing required parameter '" + name + "'");
        }
    }
}
