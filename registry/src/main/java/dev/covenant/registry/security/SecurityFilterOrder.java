package dev.covenant.registry.security;

/**
 * Where the security package's own web filters run: after the request log and the hop off the event loop, before
 * Spring Security's chain (order -100), so that the audit log also sees requests the chain refuses.
 */
final class SecurityFilterOrder {

    static final int AUDIT = -300;
    static final int BODY_LIMIT = -250;

    private SecurityFilterOrder() {
    }
}
