package dev.covenant.registry.security;

import dev.covenant.registry.system.ForbiddenException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Who is calling: the authenticated {@link Caller} of the request being handled, read from the reactive security
 * context, so a service deep in a request's pipeline can ask without being handed the exchange. What the caller may
 * do for an application is the feature's question ({@code pacticipants/ApplicationOwnership}), not security's.
 */
@Service
public class Callers {

    private final SecurityProperties properties;

    Callers(SecurityProperties properties) {
        this.properties = properties;
    }

    /**
     * The caller of this request: {@link Caller#ANONYMOUS} (an admin) in open mode; in secured mode the token's caller,
     * or a {@link ForbiddenException} when the request is not authenticated (a write path outside a request).
     */
    public Mono<Caller> current() {
        if (!properties.secured()) {
            return Mono.just(Caller.ANONYMOUS);
        }
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(SecurityContext::getAuthentication)
                .map(Authentication::getPrincipal)
                .ofType(Caller.class)
                .switchIfEmpty(Mono.error(() -> new ForbiddenException("This request is not authenticated")));
    }
}
