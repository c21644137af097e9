package dev.covenant.registry.proposals;

import java.util.List;

/** What a client asks of proposals, validated by the controller's reading, authorised by the service. */
final class ProposalRequests {

    private ProposalRequests() {
    }

    /**
     * A new proposal.
     *
     * @param key the {@code Idempotency-Key} header, or null (then the id is derived from the content)
     */
    record Propose(String application, String title, String description, byte[] document, String contentType,
            String baseVersion, String team, List<String> reviewers, String key) {
    }

    /** A review: {@code decision} is {@code approve} or {@code request-changes}; {@code revision} null for current. */
    record Review(String team, Reviewer.Decision decision, String comment, String operation, String fingerprint,
            Integer revision, String key) {
    }

    /** A comment on the current revision. */
    record Remark(String team, String text, String operation, String fingerprint, String key) {
    }

    /**
     * Who acts: the team it acts for, the name recorded (an admin acting for a team is named as such), and whether
     * it may act for any team (open mode, admin).
     */
    record Acting(String team, String actor, boolean anyTeam) {
    }
}
