package dev.covenant.registry.pacts;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

/**
 * Told after a pact is stored for a consumer version (also when identical content is published again), so read
 * models kept elsewhere can follow. Implementations must be idempotent and must not fail the publish: errors are
 * logged and dropped.
 */
public interface PactListener {

    /**
     * {@code content} is the stored pact JSON; treat it as read-only. {@code firstStored}: this publish stored the
     * content for the first time, so nothing (no verification) can refer to it yet.
     */
    Mono<Void> onPublished(PactPublication publication, JsonNode content, boolean firstStored);
}
