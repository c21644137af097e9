package dev.covenant.registry.specs;

import dev.covenant.contract.openapi.ParsedDocument;
import reactor.core.publisher.Mono;

/**
 * Asked before a new document is stored (never for a republish of the same content): completes empty to let the
 * publish go on, or with an error to refuse it, in which case nothing is stored.
 */
public interface PublishGuard {

    /**
     * @param branch the branch the version is published on, or null
     */
    Mono<Void> beforeStore(String application, String version, String branch, ParsedDocument document);
}
