package dev.covenant.registry.specs;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

/**
 * Told after an OpenAPI document is stored for a version, so read models kept elsewhere (the UI's search index)
 * can follow. Not told for a re-publish of identical content. Implementations must be idempotent and must not
 * fail the publish: errors are logged and dropped.
 */
public interface ContractListener {

    /** {@code document} is the parsed tree as published (OpenAPI 3.x or Swagger 2.0); treat it as read-only. */
    Mono<Void> onPublished(ProviderContract contract, JsonNode document);
}
