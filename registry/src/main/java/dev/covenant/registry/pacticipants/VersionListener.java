package dev.covenant.registry.pacticipants;

import reactor.core.publisher.Mono;

/**
 * Told when a version joins a branch or gets a tag after the fact, so features that keep "latest per branch
 * or tag" heads (pacts, documents) can move them. Implementations must be idempotent.
 */
public interface VersionListener {

    Mono<Void> onBranch(Version version, String branch);

    Mono<Void> onTag(Version version, String tag);
}
