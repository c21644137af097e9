package dev.covenant.registry.proposals;

import reactor.core.publisher.Mono;

/**
 * The document a proposal currently proposes: the proposals feature's public read surface for features that serve
 * or check it (stubs of {@code proposal-{id}}) without reaching into its package.
 */
public interface ProposedDocuments {

    /** The current revision of proposal {@code id} of {@code application}; empty when there is no such proposal. */
    Mono<Proposed> current(String application, String id);

    /**
     * @param proposalId the proposal
     * @param revision   its current revision number (1 for the document first proposed)
     * @param sha256     content address of that revision's normalized JSON (in the content store)
     * @param status     {@code open}, {@code agreed} or {@code withdrawn}
     */
    record Proposed(String proposalId, int revision, String sha256, String status) {
    }
}
