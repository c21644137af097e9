package dev.covenant.contract.openapi;

/**
 * Bounds applied to every untrusted OpenAPI document before and while it is parsed.
 *
 * @param maxBytes        largest accepted document, in bytes
 * @param maxNestingDepth deepest accepted nesting of objects and arrays
 * @param maxYamlAliases  most YAML aliases to collections (anchors re-used), bounding alias bombs
 */
public record DocumentLimits(long maxBytes, int maxNestingDepth, int maxYamlAliases) {

    /** 25 MB, 256 levels, 100 aliases: generous for real documents, small for hostile ones. */
    public static final DocumentLimits DEFAULTS = new DocumentLimits(25L * 1024 * 1024, 256, 100);

    public DocumentLimits {
        if (maxBytes <= 0 || maxNestingDepth <= 0 || maxYamlAliases < 0) {
            throw new IllegalArgumentException("document limits must be positive");
        }
    }

    public DocumentLimits withMaxBytes(long bytes) {
        return new DocumentLimits(bytes, maxNestingDepth, maxYamlAliases);
    }
}
