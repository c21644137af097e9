package dev.covenant.registry.checks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Compatibility checks run on every published document and pact.
 *
 * @param documentCacheBytes normalized bytes of parsed documents kept in memory between checks (default 64 MB)
 * @param concurrency        checks (diffs, pact checks) running at once per instance (default: one per core)
 * @param maxPacts           most consumer pacts cross-checked for one document (the rest are left out and said so)
 * @param maxTransitiveVersions most earlier documents (distinct contents, newest kept) a transitive policy level
 *                           judges a document against (default 100)
 */
@ConfigurationProperties("covenant.checks")
public record ChecksProperties(Long documentCacheBytes, Integer concurrency, Integer maxPacts,
        Integer maxTransitiveVersions) {

    public ChecksProperties {
        documentCacheBytes = documentCacheBytes == null ? 64L * 1024 * 1024 : Math.max(0, documentCacheBytes);
        concurrency = concurrency == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, concurrency);
        maxPacts = maxPacts == null ? 500 : Math.max(1, maxPacts);
        maxTransitiveVersions = maxTransitiveVersions == null ? 100 : Math.max(1, maxTransitiveVersions);
    }
}
