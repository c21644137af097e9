package dev.covenant.registry.specs;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits for published OpenAPI documents.
 *
 * @param maxDocumentBytes largest accepted document in bytes (default 25 MB); larger ones get 413
 * @param maxNestingDepth  deepest accepted object/array nesting (default 256)
 * @param maxYamlAliases   most YAML aliases to collections (default 100)
 * @param warmUpRuns       times the document reader runs on the registry's own description once ready, so that
 *                         a first large publish does not pay for compiling it (default 30; 0 skips)
 */
@ConfigurationProperties("covenant.specs")
public record SpecsProperties(Long maxDocumentBytes, Integer maxNestingDepth, Integer maxYamlAliases,
        Integer warmUpRuns) {

    public SpecsProperties {
        maxDocumentBytes = maxDocumentBytes == null ? 25L * 1024 * 1024 : maxDocumentBytes;
        maxNestingDepth = maxNestingDepth == null ? 256 : maxNestingDepth;
        maxYamlAliases = maxYamlAliases == null ? 100 : maxYamlAliases;
        warmUpRuns = warmUpRuns == null ? 30 : warmUpRuns;
    }

    dev.covenant.contract.openapi.DocumentLimits limits() {
        return new dev.covenant.contract.openapi.DocumentLimits(maxDocumentBytes, maxNestingDepth, maxYamlAliases);
    }
}
