package dev.covenant.registry.system;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Handles each request off the HTTP event loop, one thread hop per request. With reads answered from the
 * in-process caches a request can complete entirely inside the event loop's read of it; that was seen to stall
 * the next request on the same keep-alive connection until the client gave up (PactBrokerBadInputTest and the
 * broker load benchmark, 60 s timeouts), which never happens when the answer arrives from another thread.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class OffEventLoopFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange)
                .subscribeOn(Schedulers.parallel());
    }
}
