package dev.covenant.registry.checks;

import dev.covenant.contract.diff.Finding;
import java.util.LinkedHashMap;
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

        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("ruleId", finding.ruleId());
            view.put("level", finding.level().name());
            view.put("operation", finding.operation());
            view.put("message", finding.message());
            view.put("fingerprint", finding.fingerprint());
            view.put("teams", teams);
            view.put("consumers", consumers);
            return view;
        }
    }

    /** Whether this verdict flags the document (agreement checked and some breaking change unagreed). */
    boolean flagged() {
        return agreement != Policy.Agreement.OFF && !unagreed.isEmpty();
    }

    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("policy", agreement.stored());
        view.put("proposalId", proposalId);
        view.put("revision", revision);
        view.put("matches", matches);
        view.put("drift", drift.stream().limit(Assessment.MAX_FINDINGS).map(AgreementVerdict::finding).toList());
        view.put("unagreed", unagreed.stream().map(Unagreed::view).toList());
        view.put("flagged", flagged());
        return view;
    }

    private static Map<String, Object> finding(Finding finding) {
        Map<String, Object> view = Assessment.Comparison.finding(finding);
        view.put("fingerprint", finding.fingerprint());
        return view;
    }
}
