package dev.covenant.registry.engine;

import dev.covenant.contract.openapi.DocumentLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The one set of limits and resources for engine work (reading documents and pacts, diffs, pact checks, stubs).
 *
 * @param maxDocumentBytes   largest accepted OpenAPI document in bytes (default 25 MB); larger ones get 413
 * @param maxPactBytes       largest accepted pact (decoded JSON) in bytes (default 10 MB); larger ones get 413
 * @param maxNestingDepth    deepest object/array nesting read anywhere: published or stored, document or pact
 *                           (default 256)
 * @param maxYamlAliases     most YAML aliases to collections in a document (default 100)
 * @param concurrency        engine tasks running at once per instance (default: one per core)
 * @param maxQueuedTasks     engine tasks waiting for a thread beyond those running; more are refused with 503
 *                           (default 1024)
 * @param documentCacheBytes normalized bytes of parsed documents (with their compiled pact checkers and stubs)
 *                           kept in memory by content hash (default 64 MB)
 */
@ConfigurationProperties("covenant.engine")
public record EngineProperties(Long maxDocumentBytes, Long maxPactBytes, Integer maxNestingDepth,
        Integer maxYamlAliases, Integer concurrency, Integer maxQueuedTasks, Long documentCacheBytes) {

    public EngineProperties {
        maxDocumentBytes = maxDocumentBytes == null ? 25L * 1024 * 1024 : maxDocumentBytes;
        maxPactBytes = maxPactBytes == null ? 10L * 1024 * 1024 : maxPactBytes;
        maxNestingDepth = maxNestingDepth == null ? 256 : Math.max(8, maxNestingDepth);
        maxYamlAliases = maxYamlAliases == null ? 100 : Math.max(0, maxYamlAliases);
        concurrency = concurrency == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, concurrency);
        maxQueuedTasks = maxQueuedTasks == null ? 1024 : Math.max(0, maxQueuedTasks);
        documentCacheBytes = documentCacheBytes == null ? 64L * 1024 * 1024 : Math.max(0, documentCacheBytes);
    }

    /** The defaults, for code and tests that run without Spring. */
    public static EngineProperties defaults() {
        return new EngineProperties(null, null, null, null, null, null, null);
    }

    /** Limits for a document as it is published. */
    DocumentLimits published() {
        return new DocumentLimits(maxDocumentBytes, maxNestingDepth, maxYamlAliases);
    }

    /** Limits for a pact as it is published (JSON only: no aliases). */
    DocumentLimits pacts() {
        return new DocumentLimits(maxPactBytes, maxNestingDepth, 0);
    }

    /**
     * Limits for content read back from the store: it passed {@link #published()} or {@link #pacts()} when it was
     * stored (as canonical JSON, so no aliases), and its size is whatever was accepted then.
     */
    DocumentLimits stored() {
        return new DocumentLimits(Long.MAX_VALUE / 2, maxNestingDepth, 0);
    }
}
