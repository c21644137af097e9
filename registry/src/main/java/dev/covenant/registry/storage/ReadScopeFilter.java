package dev.covenant.registry.storage;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Makes each HTTP request one {@link WriteGenerations#scope scope} of the mutable read caches: its cached reads
 * (the gates', the token check's, every other) cost one point read of the write generation in all, made on the
 * first of them, and see every write answered before it, by whichever instance. Its cached writes advance the
 * write generation once, before the response is committed (or before an event is recorded), not once each.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReadScopeFilter implements WebFilter {

    private final WriteGenerations generations;

    ReadScopeFilter(WriteGenerations generations) {
        this.generations = generations;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return generations.deferring(generations.scoped(chain.filter(exchange)),
                beforeAnswer -> exchange.getResponse().beforeCommit(() -> beforeAnswer));
    }
}
