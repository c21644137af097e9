package dev.covenant.registry.security;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Gives every UI page (controllers in {@code dev.covenant.registry.ui}, and those marked {@link UiPage}) the CSRF token as model attribute
 * {@code _csrf} ({@code parameterName}, {@code token}) and as the exchange attribute Thymeleaf's form processor
 * reads, so {@code th:action} forms carry the hidden {@code _csrf} field by themselves.
 */
@ControllerAdvice(basePackages = "dev.covenant.registry.ui", annotations = UiPage.class)
class UiCsrfAdvice {

    static final String ATTRIBUTE = "_csrf";

    @ModelAttribute(ATTRIBUTE)
    Mono<CsrfToken> csrfToken(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty()
                : token.doOnNext(resolved -> exchange.getAttributes().put(ATTRIBUTE, resolved));
    }
}
