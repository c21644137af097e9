package dev.covenant.registry.checks;

import java.util.List;

/** A report's policy section: the verdict of the provider's policy on a document, or none for a pact. */
public sealed interface ReportPolicy {

    /** The policy's breaking changes that the document makes. */
    List<PolicyViolation> violations();

    /** Whether the policy (or the agreement) flags the document. */
    boolean flagged();

    /**
     * A document judged by its application's policy. The setting fields are the stored names
     * ({@code BACKWARD}, {@code warn}, …); null in reports stored before the setting existed.
     *
     * @param baseVersion       the version judged against, null for a first document
     * @param agreementVerdict  how it stands against the agreed contract; null in reports stored before agreements
     */
    record Judged(String level, String mode, String selfVerification, String validation, String agreement,
            String baseVersion, List<PolicyViolation> violations, boolean flagged, Agreement agreementVerdict)
            implements ReportPolicy {
    }

    /** A pact's report: policies judge documents, so it carries an empty verdict rather than a missing one. */
    record NotJudged() implements ReportPolicy {

        @Override
        public List<PolicyViolation> violations() {
            return List.of();
        }

        @Override
        public boolean flagged() {
            return false;
        }
    }

    /**
     * A document against the agreed contract.
     *
     * @param policy     the agreement setting ({@code off}, {@code warn}, {@code require})
     * @param proposalId null when nothing was agreed for the application
     * @param matches    null when nothing was agreed; else whether the document has no ERR/WARN finding against it
     * @param drift      findings from the agreed document to this one
     * @param unagreed   breaking changes since the base that no agreed proposal covers
     */
    record Agreement(String policy, String proposalId, Integer revision, Boolean matches, List<ReportFinding> drift,
            List<Unagreed> unagreed, boolean flagged) {
    }

    /** A breaking change nobody agreed to, and the teams (and consumers) that must agree to it. */
    record Unagreed(String ruleId, String level, String operation, String message, String fingerprint,
            List<String> teams, List<String> consumers) {
    }
}
