package dev.covenant.registry.pacts;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits for published pacts.
 *
 * @param maxPactBytes largest accepted pact (decoded JSON) in bytes (default 10 MB); larger ones get 413
 */
@ConfigurationProperties("covenant.pacts")
public record PactsProperties(Long maxPactBytes) {

    public PactsProperties {
        maxPactBytes = maxPactBytes == null ? 10L * 1024 * 1024 : maxPactBytes;
    }
}
