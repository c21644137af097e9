package dev.covenant.registry.security;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/** Checks presented credentials against the token store (cached point reads) and the bootstrap token. */
final class TokenAuthenticationManager implements ReactiveAuthenticationManager {

    private final Tokens tokens;

    TokenAuthenticationManager(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        TokenAuthentication presented = (TokenAuthentication) authentication;
        Mono<Caller> caller = presented.userName() == null
                ? tokens.authenticateBearer(presented.token())
                : tokens.authenticateBasic(presented.userName(), presented.token());
        return caller.<Authentication>map(TokenAuthentication::of)
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("Unknown or revoked token")));
    }
}
