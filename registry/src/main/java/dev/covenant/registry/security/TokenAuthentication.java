package dev.covenant.registry.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * Before authentication: the credentials a request presented (a bearer token, or a basic user name and token).
 * After: the {@link Caller} they stand for, with its role's authorities.
 */
final class TokenAuthentication extends AbstractAuthenticationToken {

    private final String userName;
    private final transient String token;
    private final Caller caller;

    private TokenAuthentication(String userName, String token, Caller caller) {
        super(caller == null ? java.util.List.of() : caller.role().authorities());
        this.userName = userName;
        this.token = token;
        this.caller = caller;
        setAuthenticated(caller != null);
    }

    static TokenAuthentication bearer(String token) {
        return new TokenAuthentication(null, token, null);
    }

    static TokenAuthentication basic(String userName, String token) {
        return new TokenAuthentication(userName, token, null);
    }

    static TokenAuthentication of(Caller caller) {
        return new TokenAuthentication(caller.name(), null, caller);
    }

    /** The basic user name, or null for a bearer token. */
    String userName() {
        return userName;
    }

    String token() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return caller != null ? caller : userName;
    }

    @Override
    public String getName() {
        return caller != null ? caller.name() : userName == null ? "" : userName;
    }
}
