package dev.covenant.registry.checks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Compatibility checks run on every published document and pact. (How many run at once and how many parsed
 * documents are kept are the engine's: {@code covenant.engine.*}.)
 *
 * @param maxPacts           most consumer pacts cross-checked for one document (the rest are left out and said so)
 * @param maxTransitiveVersions most earlier documents (distinct contents, newest kept) a transitive policy level
 *                           judges a document against (default 100)
 */
@ConfigurationProperties("covenant.checks")
public record ChecksProperties(Integer maxPacts, Integer maxTransitiveVersions) {

    public ChecksProperties {
        maxPacts = maxPacts == null ? 500 : Math.max(1, maxPacts);
        maxTransitiveVersions = maxTransitiveVersions == null ? 100 : Math.max(1, maxTransitiveVersions);
    }
}
