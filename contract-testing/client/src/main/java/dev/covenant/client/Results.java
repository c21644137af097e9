package dev.covenant.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What the registry answered, as values. */
public final class Results {

    private Results() {
    }

    /** A line of text the registry addressed to the user ({@code success}, {@code warning}, {@code error}, …). */
    public record Notice(String type, String text) {
    }

    /** An OpenAPI document as stored; {@code created} is false when the same content was already there. */
    public record PublishedDocument(String application, String version, boolean created, String sha256) {
    }

    /** The pacts of one consumer version, published. */
    public record PublishedPacts(String consumer, String version, List<String> providers, List<Notice> notices) {
    }

    /** One recorded verification result. */
    public record RecordedVerification(String provider, String providerVersion, String consumer, boolean success) {
    }

    /** A version recorded as deployed to an environment. */
    public record RecordedDeployment(String application, String version, String environment, String uuid) {
    }

    /** An environment versions are deployed to. */
    public record Environment(String uuid, String name, boolean production) {
    }

    /** A team subscription to notifications (issue 5). */
    public record Subscription(String id, String url, String format) {
    }

    /** can-i-deploy's answer: {@code deployable} is null when a required verification is missing. */
    public record CanIDeploy(Boolean deployable, String reason, List<MatrixRow> matrix, List<Notice> notices) {

        public boolean yes() {
            return Boolean.TRUE.equals(deployable);
        }
    }

    /**
     * One consumer version and provider version pair the answer considered; {@code success} null when unverified.
     *
     * @param reason why a cross-contract check standing in for the verification failed, does not count ("1 message
     *               interaction needs a provider verification") or what its success rests on; null otherwise
     */
    public record MatrixRow(String consumer, String consumerVersion, String provider, String providerVersion,
            Boolean success, String reason) {
    }

    /**
     * The pre-merge check's report (issue 5, shape fixed in docs/design/contracts-between-parts.md): would this
     * document break a consumer or the application's policy?
     */
    public record PreMergeReport(String application, boolean compatible, List<Comparison> comparisons,
            List<CrossCheck> crossChecks, List<AffectedConsumer> affectedConsumers, JsonNode policy) {

        public PreMergeReport {
            comparisons = comparisons == null ? List.of() : comparisons;
            crossChecks = crossChecks == null ? List.of() : crossChecks;
            affectedConsumers = affectedConsumers == null ? List.of() : affectedConsumers;
        }
    }

    /** A document-to-document comparison (against the branch head or what is deployed). */
    public record Comparison(String kind, VersionRef base, List<Finding> findings) {

        public Comparison {
            findings = findings == null ? List.of() : findings;
        }
    }

    /** An application version. */
    public record VersionRef(String application, String version) {
    }

    /** An oasdiff-style change: rule id, level (ERR, WARN, INFO), operation, message, pointers. */
    public record Finding(String ruleId, String level, String operation, String message, String basePointer,
            String revisionPointer) {
    }

    /**
     * A consumer's pact checked against the document: {@code consumerVersions} are the versions that published it,
     * {@code reasons} why it was checked ({@code "latest on main branch main"}, {@code "deployed in production"}).
     */
    public record CrossCheck(String consumer, String consumerVersion, String provider, String providerVersion,
            boolean success, List<Failure> failures, List<String> consumerVersions, List<String> reasons) {

        public CrossCheck {
            failures = failures == null ? List.of() : failures;
            consumerVersions = consumerVersions == null ? List.of() : consumerVersions;
            reasons = reasons == null ? List.of() : reasons;
        }
    }

    /** A consumer the change would break, with its team, the versions whose pacts break, and what breaks. */
    public record AffectedConsumer(String consumer, String team, List<Failure> failures, List<String> consumerVersions) {

        public AffectedConsumer {
            failures = failures == null ? List.of() : failures;
            consumerVersions = consumerVersions == null ? List.of() : consumerVersions;
        }
    }

    /**
     * One interaction of a consumer's pact that the document no longer satisfies (openapi-pact-comparator code), with
     * the field concerned ({@code name}, {@code request.query.limit}) and the rule id of the document change behind
     * it ({@code response-required-property-removed}) when the registry knows them.
     */
    public record Failure(String interaction, String operation, String field, String code, String pointer,
            String message, String ruleId) {
    }

    /**
     * A proposal (issue 12): a document put to the teams it concerns before it is built.
     *
     * @param status   open, agreed or withdrawn
     * @param findings base → proposed document, breaking first
     * @param impact   per consumer, what in its pact the proposal breaks
     */
    public record Proposal(String id, String application, String title, String status, int revision, String team,
            List<ProposedFinding> findings, List<ConsumerImpact> impact, List<ProposalReviewer> reviewers,
            List<String> awaiting, String url) {

        public Proposal {
            findings = findings == null ? List.of() : findings;
            impact = impact == null ? List.of() : impact;
            reviewers = reviewers == null ? List.of() : reviewers;
            awaiting = awaiting == null ? List.of() : awaiting;
        }

        public boolean agreed() {
            return "agreed".equals(status);
        }

        public boolean withdrawn() {
            return "withdrawn".equals(status);
        }
    }

    /**
     * A proposal in a list: who proposed it, where it stands, and the teams whose approval it still awaits.
     *
     * @param breakingChanges the breaking findings of its current revision
     */
    public record ProposalSummary(String id, String application, String title, String status, int revision,
            String team, int breakingChanges, List<String> awaiting, String createdAt) {

        public ProposalSummary {
            awaiting = awaiting == null ? List.of() : awaiting;
        }

        public boolean open() {
            return "open".equals(status);
        }
    }

    /** A change a proposal makes, with its stable fingerprint. */
    public record ProposedFinding(String ruleId, String level, String operation, String path, String message,
            String fingerprint) {
    }

    /** A consumer a proposal breaks and the interactions that would fail. */
    public record ConsumerImpact(String consumer, String consumerVersion, String team, List<ImpactFailure> failures) {

        public ConsumerImpact {
            failures = failures == null ? List.of() : failures;
        }
    }

    /** One way a consumer's pact would fail against the proposed document. */
    public record ImpactFailure(String interaction, String operation, String field, String code, String ruleId) {
    }

    /** A team asked to review a proposal: {@code decision} is pending, approved or changes-requested. */
    public record ProposalReviewer(String team, boolean required, String decision, Integer revision) {
    }
}
