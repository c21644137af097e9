package dev.covenant.registry.security;

import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.JsonBodies;
import dev.covenant.registry.system.Links;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Token management and the audit log; admin only in secured mode (see {@link SecurityConfiguration}). */
@RestController
class AdminController {

    static final int DEFAULT_AUDIT_LIMIT = 100;
    static final int MAX_AUDIT_LIMIT = 1000;

    private final Tokens tokens;
    private final AuditLog audit;
    private final Callers callers;
    private final JsonMapper json;

    AdminController(Tokens tokens, AuditLog audit, Callers callers, JsonMapper json) {
        this.tokens = tokens;
        this.audit = audit;
        this.callers = callers;
        this.json = json;
    }

    /** Creates a token; the answer is the only time the token itself is shown. */
    @PostMapping("/admin/tokens")
    Mono<ResponseEntity<Map<String, Object>>> create(ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), JsonBodies.MAX_BODY)
                .map(body -> JsonBodies.nonEmptyObject(json, body, "name and role"))
                .zipWith(callers.current())
                .flatMap(request -> create(request.getT1(), request.getT2()))
                .doOnNext(issued -> AuditLog.detail(exchange, "created token '" + issued.info().name() + "' ("
                        + issued.info().role().id() + (issued.info().team() == null ? "" : ", team " + issued.info().team())
                        + ")"))
                .map(issued -> {
                    Map<String, Object> body = new LinkedHashMap<>(issued.info().view());
                    body.put("token", issued.token());
                    return ResponseEntity.status(HttpStatus.CREATED)
                            .location(URI.create(Links.of(exchange).href("admin", "tokens", issued.info().name())))
                            .cacheControl(CacheControl.noStore())
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(body);
                });
    }

    private Mono<Tokens.Issued> create(JsonNode body, Caller caller) {
        return tokens.create(JsonBodies.optionalString(body, "name"), JsonBodies.optionalString(body, "role"),
                JsonBodies.optionalString(body, "team"), caller.name());
    }

    @GetMapping("/admin/tokens")
    Mono<ResponseEntity<Map<String, Object>>> list(ServerWebExchange exchange) {
        return tokens.list()
                .map(TokenInfo::view)
                .collectList()
                .map(items -> Hal.collection("tokens", items, Links.of(exchange).href("admin", "tokens")));
    }

    @DeleteMapping("/admin/tokens/{name}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String name, ServerWebExchange exchange) {
        return tokens.delete(name)
                .doOnNext(deleted -> AuditLog.detail(exchange, "revoked token '" + name + "'"))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping("/admin/audit")
    Mono<ResponseEntity<Map<String, Object>>> audit(@RequestParam(required = false) String limit,
            @RequestParam(required = false) String actor, ServerWebExchange exchange) {
        return Mono.fromCallable(() -> limit(limit))
                .flatMapMany(max -> audit.latest(max, actor == null || actor.isBlank() ? null : actor))
                .map(AuditEntry::view)
                .collectList()
                .map(items -> Hal.collection("entries", items, Links.of(exchange).href("admin", "audit")));
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_AUDIT_LIMIT;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= MAX_AUDIT_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit", "must be a number from 1 to " + MAX_AUDIT_LIMIT);
    }
}
