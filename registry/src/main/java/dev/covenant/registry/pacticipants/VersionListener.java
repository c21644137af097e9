package dev.covenant.registry.pacticipants;

import reactor.core.publisher.Mono;

/**
 * Told when a version joins a branch or gets a tag after the fact, so features that keep "latest per branch
 * or tag" heads (pacts, documents) can move them. Implementations must be idempotent.
 */
public interface VersionListener {

    Mono<Void> onBranch(Version version, String branch);

    Mono<Void> onTag(Version version, String tag);

    /** Told before a branch of {@code application} is deleted (its versions leave it). */
    default Mono<Void> onBranchDeleted(String application, String branch) {
        return Mono.empty();
    }
}
