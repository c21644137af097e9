package dev.covenant.registry.security;

import dev.covenant.registry.system.Problems;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The request firewall checks query parameters and headers when they are first read, which can be inside a
 * controller or a filter: either way the request is malformed (400), never a server error.
 */
@RestControllerAdvice
@Order(-1)
class RejectedRequests implements WebExceptionHandler {

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> rejected(ServerExchangeRejectedException e, ServerWebExchange exchange) {
        String detail = detail(e);
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(Problems.contentType(exchange))
                .body(Problems.body(exchange, HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail,
                        Map.of("request", List.of(detail)), Map.of()));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ServerExchangeRejectedException rejected) {
            return Problems.write(exchange, HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                    detail(rejected), "request");
        }
        return Mono.error(error);
    }

    private static String detail(ServerExchangeRejectedException e) {
        return "The request was refused: " + e.getMessage();
    }
}
