package dev.covenant.registry.system;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error body every part of the registry answers with: RFC 9457 problem details, plus the Pact Broker's
 * {@code {"errors":{…}}} on its paths. Controllers get it through {@link ApiErrors}; web filters (authentication,
 * rate limits, body caps) write it with {@link #write}.
 */
public final class Problems {

    static final String TYPE_BASE = "https://covenant.dev/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** The body of a problem; {@code errors} is used on the Pact Broker paths only (a list of messages on some). */
    public static Map<String, Object> body(ServerWebExchange exchange, HttpStatusCode status, String slug, String title,
            String detail, Map<String, List<String>> errors, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", URI.create(TYPE_BASE + slug).toString());
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        body.put("requestId", RequestIds.of(exchange));
        body.putAll(extensions);
        if (brokerPath(exchange)) {
            body.put("errors", PactBrokerPaths.errorsAsList(exchange.getRequest().getPath().value())
                    ? errors.values().stream().flatMap(List::stream).toList() : errors);
        }
        return body;
    }

    /** {@code application/hal+json} on the Pact Broker paths (its clients expect it), problem+json elsewhere. */
    public static MediaType contentType(ServerWebExchange exchange) {
        return brokerPath(exchange) ? Hal.HAL_JSON : MediaType.APPLICATION_PROBLEM_JSON;
    }

    /** Writes a problem as the whole response, from a web filter. */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String slug, String title,
            String detail, String field) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(contentType(exchange));
        byte[] bytes = JSON.writeValueAsBytes(body(exchange, status, slug, title, detail,
                Map.of(field, List.of(detail)), Map.of()));
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    private static boolean brokerPath(ServerWebExchange exchange) {
        return PactBrokerPaths.matches(exchange.getRequest().getPath().value());
    }
}
