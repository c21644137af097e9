package dev.covenant.registry.events;

import java.util.List;
import java.util.stream.Stream;

/**
 * What an event says, one record per kind. The payloads are neutral facts (names, versions, hashes, the audience of
 * a change), so they live here and no feature type leaks into the event log; {@link EventCodec} is the one place
 * that turns them into stored BSON and back, old stored shapes included.
 */
public sealed interface EventPayload {

    /** The event type this payload belongs to ({@link EventTypes}). */
    String type();

    /** The applications the event names besides its own (the other side of a pact or verification). */
    default Stream<String> related() {
        return Stream.empty();
    }

    /** Who the event concerns, for the types {@link EventTypes#addressed addressed} to teams; empty otherwise. */
    default List<Audience> audience() {
        return List.of();
    }

    /** A one-line summary the event carries itself, or null when the reader composes one. */
    default String summary() {
        return null;
    }

    /** An OpenAPI document was published for the event's provider version. */
    record ContractPublished(String sha, String branch, List<String> tags) implements EventPayload {
        public ContractPublished {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }

        @Override
        public String type() {
            return EventTypes.CONTRACT_PUBLISHED;
        }
    }

    /**
     * A pact was published by the event's consumer version.
     *
     * @param contentChanged false when the same content was published before (by any consumer version)
     */
    record PactPublished(String provider, String sha, String branch, List<String> tags, boolean contentChanged)
            implements EventPayload {
        public PactPublished {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }

        @Override
        public String type() {
            return EventTypes.PACT_PUBLISHED;
        }

        @Override
        public Stream<String> related() {
            return Stream.of(provider);
        }
    }

    /** Verification results were published by the event's provider version for a consumer's pact content. */
    record VerificationPublished(String consumer, String pactSha, boolean success, Long verificationNumber,
            List<String> branches, String buildUrl) implements EventPayload {
        public VerificationPublished {
            branches = branches == null ? List.of() : List.copyOf(branches);
        }

        @Override
        public String type() {
            return EventTypes.VERIFICATION_PUBLISHED;
        }

        @Override
        public Stream<String> related() {
            return Stream.of(consumer);
        }
    }

    /** The event's version was recorded as deployed to an environment (and instance, when named). */
    record DeploymentRecorded(String environment, String environmentUuid, String instance) implements EventPayload {
        @Override
        public String type() {
            return EventTypes.DEPLOYMENT_RECORDED;
        }
    }

    /** The event's version was recorded as released to an environment. */
    record ReleaseRecorded(String environment, String environmentUuid) implements EventPayload {
        @Override
        public String type() {
            return EventTypes.RELEASE_RECORDED;
        }
    }

    /** The event's version is no longer deployed to an environment (instance, when named): it was undeployed. */
    record DeploymentEnded(String environment, String environmentUuid, String instance) implements EventPayload {
        @Override
        public String type() {
            return EventTypes.DEPLOYMENT_ENDED;
        }
    }

    /** Support for the event's released version ended in an environment. */
    record ReleaseSupportEnded(String environment, String environmentUuid) implements EventPayload {
        @Override
        public String type() {
            return EventTypes.RELEASE_SUPPORT_ENDED;
        }
    }

    /** The checks finished for a change to the event's application and version. */
    record CompatibilityChecked(String reportId, boolean compatible, String trigger, String summary,
            String reportPath, List<Audience> audience) implements EventPayload {
        public CompatibilityChecked {
            audience = audience == null ? List.of() : List.copyOf(audience);
        }

        @Override
        public String type() {
            return EventTypes.COMPATIBILITY_CHECKED;
        }
    }

    /**
     * A step in a proposal's life ({@code proposal.opened}, {@code revised}, {@code reviewed}, {@code agreed},
     * {@code withdrawn}).
     *
     * @param reviewer the reviewing team ({@code proposal.reviewed} only)
     * @param decision the reviewer's decision ({@code proposal.reviewed} only)
     */
    record ProposalChanged(String type, String proposalId, String title, int revision, String status,
            String proposingTeam, String summary, String reportPath, List<Audience> audience, String reviewer,
            String decision) implements EventPayload {
        public ProposalChanged {
            if (type == null || !type.startsWith("proposal.")) {
                throw new IllegalArgumentException("Not a proposal event type: " + type);
            }
            audience = audience == null ? List.of() : List.copyOf(audience);
        }
    }

    /** A stored event of a type this version does not know (written by a newer one); read, never acted on. */
    record Unrecognised(String type) implements EventPayload {
    }
}
