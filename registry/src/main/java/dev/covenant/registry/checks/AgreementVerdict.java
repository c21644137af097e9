package dev.covenant.registry.checks;

import dev.covenant.contract.diff.Finding;
import java.util.List;
import java.util.Map;

/**
 * How a document stands against its application's agreed contract: whether it matches the latest agreed document
 * (and the diff agreed → document when not), and the breaking changes since its base that no agreed proposal covers.
 *
 * @param proposalId null when nothing was agreed for the application
 * @param matches    null when nothing was agreed; else whether the document has no ERR/WARN finding against it
 * @param drift      findings from the agreed document to this one
 * @param unagreed   breaking findings since the base not covered by an agreed proposal (by fingerprint)
 */
record AgreementVerdict(Policy.Agreement agreement, String proposalId, Integer revision, Boolean matches,
        List<Finding> drift, List<Unagreed> unagreed) {

    /** A breaking change nobody agreed to, and the teams that must agree to it. */
    record Unagreed(Finding finding, List<String> teams, List<String> consumers) {

        /** As the 409 problem of an enforced agreement and the unagreed versions' store show it (as reports do). */
        Map<String, Object> view() {
            return ReportCodec.unagreed(part());
        }

        ReportPolicy.Unagreed part() {
            return new ReportPolicy.Unagreed(finding.ruleId(), finding.level().name(), finding.operation(),
                    finding.message(), finding.fingerprint(), teams, consumers);
        }
    }

    /** Whether this verdict flags the document (agreement checked and some breaking change unagreed). */
    boolean flagged() {
        return agreement != Policy.Agreement.OFF && !unagreed.isEmpty();
    }

    /** The verdict as a report keeps it, with at most {@link Assessment#MAX_FINDINGS} drift findings. */
    ReportPolicy.Agreement part() {
        return new ReportPolicy.Agreement(agreement.stored(), proposalId, revision, matches,
                drift.stream().limit(Assessment.MAX_FINDINGS).map(ReportFinding::of).toList(),
                unagreed.stream().map(Unagreed::part).toList(), flagged());
    }
}
