package dev.covenant.registry.specs;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Published OpenAPI documents. (Their size, nesting and alias limits are the engine's: {@code covenant.engine.*}.)
 *
 * @param warmUpRuns times the document reader runs on the registry's own description once ready, so that
 *                   a first large publish does not pay for compiling it (default 30; 0 skips)
 */
@ConfigurationProperties("covenant.specs")
public record SpecsProperties(Integer warmUpRuns) {

    public SpecsProperties {
        warmUpRuns = warmUpRuns == null ? 30 : warmUpRuns;
    }
}
