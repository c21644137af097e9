package dev.covenant.registry.security;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Keeps the security context for one exchange only (no session: every request carries its credentials), and
 * exposes the caller as an exchange attribute for the filters outside the security chain (the audit log).
 */
final class ExchangeSecurityContextRepository implements ServerSecurityContextRepository {

    private static final String ATTRIBUTE = ExchangeSecurityContextRepository.class.getName();

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        return Mono.fromRunnable(() -> {
            if (context == null) {
                exchange.getAttributes().remove(ATTRIBUTE);
                exchange.getAttributes().remove(Caller.ATTRIBUTE);
                return;
            }
            exchange.getAttributes().put(ATTRIBUTE, context);
            if (context.getAuthentication() != null && context.getAuthentication().getPrincipal() instanceof Caller caller) {
                exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
            }
        });
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        return Mono.justOrEmpty(exchange.getAttribute(ATTRIBUTE));
    }
}
