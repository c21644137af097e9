package dev.covenant.registry.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Reads {@code Authorization: Bearer <token>} or {@code Basic base64(name:token)}; nothing when absent. */
final class CredentialsConverter implements ServerAuthenticationConverter {

    private static final int MAX_HEADER = 4096;

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> parse(header.strip()));
    }

    private static Authentication parse(String header) {
        if (header.length() > MAX_HEADER) {
            throw new BadCredentialsException("The Authorization header is too long");
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String value = space < 0 ? "" : header.substring(space + 1).strip();
        if (value.isEmpty()) {
            throw new BadCredentialsException("The Authorization header has no credentials");
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            return TokenAuthentication.bearer(value);
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            return basic(value);
        }
        throw new BadCredentialsException("Unsupported authorization scheme; use Bearer or Basic");
    }

    private static Authentication basic(String value) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("The basic credentials are not valid base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new BadCredentialsException("The basic credentials have no password");
        }
        return TokenAuthentication.basic(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
