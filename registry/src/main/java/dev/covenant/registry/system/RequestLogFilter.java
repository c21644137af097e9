package dev.covenant.registry.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** One info line per request (method, path, status, duration, request id); echoes the id as a header. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestLogFilter implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger("dev.covenant.requests");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        String requestId = RequestIds.assign(exchange);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        return chain.filter(exchange)
                .doFinally(signal -> logRequest(exchange, requestId, start, signal));
    }

    private static void logRequest(ServerWebExchange exchange, String requestId, long start,
            reactor.core.publisher.SignalType signal) {
        ServerHttpRequest request = exchange.getRequest();
        var status = exchange.getResponse().getStatusCode();
        long millis = (System.nanoTime() - start) / 1_000_000;
        String query = request.getURI().getRawQuery();
        log.info("{} {}{} {} {}ms id={}{}", request.getMethod(), request.getPath().value(),
                query == null ? "" : "?" + abbreviate(query), status == null ? "-" : status.value(), millis, requestId,
                signal == reactor.core.publisher.SignalType.ON_COMPLETE ? "" : " (" + signal + ")");
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
