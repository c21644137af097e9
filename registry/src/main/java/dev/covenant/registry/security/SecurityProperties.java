package dev.covenant.registry.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call the registry, and the limits every caller gets.
 *
 * @param mode           {@code open} (default: no credentials needed, for one machine) or {@code secured}
 *                       (every request but the health probes needs a token)
 * @param adminToken     the bootstrap admin token (COVENANT_ADMIN_TOKEN); in secured mode the way to create
 *                       the first tokens. Never stored; at least 20 characters
 * @param adminTokenName the bootstrap token's name, the HTTP basic user name that goes with it
 * @param rateLimit      requests per token (per client address when anonymous)
 * @param cors           cross-origin access for browsers on other origins; off unless origins are listed
 * @param maxBodyBytes   the request body cap of every endpoint that has no larger one of its own (1 MB)
 * @param contentSecurityPolicy the Content-Security-Policy header sent with every response
 */
@ConfigurationProperties("covenant.security")
public record SecurityProperties(Mode mode, String adminToken, String adminTokenName, RateLimit rateLimit, Cors cors,
        Long maxBodyBytes, String contentSecurityPolicy) {

    static final int MIN_ADMIN_TOKEN_LENGTH = 20;

    /** Whether requests need credentials. */
    public enum Mode {
        OPEN, SECURED
    }

    /**
     * A token bucket per caller.
     *
     * @param enabled           default: on in secured mode, off in open mode
     * @param requestsPerSecond how fast the bucket refills (sustained rate)
     * @param burst             the bucket's size (requests accepted at once after a quiet period)
     */
    public record RateLimit(Boolean enabled, Integer requestsPerSecond, Integer burst) {
    }

    /**
     * @param allowedOrigins origins allowed to call the API from a browser (e.g. {@code https://portal.example});
     *                       empty turns CORS off
     * @param maxAge         how long browsers may cache a preflight answer
     */
    public record Cors(List<String> allowedOrigins, Duration maxAge) {
    }

    public SecurityProperties {
        mode = mode == null ? Mode.OPEN : mode;
        adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken.strip();
        adminTokenName = adminTokenName == null || adminTokenName.isBlank() ? "admin" : adminTokenName;
        boolean secured = mode == Mode.SECURED;
        rateLimit = new RateLimit(
                rateLimit == null || rateLimit.enabled() == null ? secured : rateLimit.enabled(),
                rateLimit == null || rateLimit.requestsPerSecond() == null ? 100 : rateLimit.requestsPerSecond(),
                rateLimit == null || rateLimit.burst() == null ? 500 : rateLimit.burst());
        cors = new Cors(cors == null || cors.allowedOrigins() == null ? List.of() : List.copyOf(cors.allowedOrigins()),
                cors == null || cors.maxAge() == null ? Duration.ofMinutes(30) : cors.maxAge());
        maxBodyBytes = maxBodyBytes == null ? 1024L * 1024 : maxBodyBytes;
        contentSecurityPolicy = contentSecurityPolicy == null || contentSecurityPolicy.isBlank()
                ? "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; "
                        + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
                : contentSecurityPolicy;
        if (adminToken != null && adminToken.length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("covenant.security.admin-token (COVENANT_ADMIN_TOKEN) must have at least "
                    + MIN_ADMIN_TOKEN_LENGTH + " characters");
        }
    }

    public boolean secured() {
        return mode == Mode.SECURED;
    }
}
