package dev.covenant.registry.checks;

import dev.covenant.contract.diff.DiffReport;
import dev.covenant.contract.diff.Finding;
import dev.covenant.contract.diff.Level;
import dev.covenant.registry.checks.Dependents.Base;
import dev.covenant.registry.checks.Dependents.PactRef;
import dev.covenant.registry.events.Audience;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What checking one document (published or candidate) found: diffs against earlier documents, its consumers'
 * pacts checked against it, which consumers it breaks, and the policy's verdict.
 *
 * @param base      the document it replaces (impact and policy are judged against it), or null for a first one
 * @param affected  per consumer, the failures the change introduced
 * @param agreement how it stands against the agreed contract and which breaking changes nobody agreed to
 */
record Assessment(Base base, List<Comparison> comparisons, List<PactResult> pacts, List<Affected> affected,
        Policy policy, List<PolicyViolation> violations, AgreementVerdict agreement) {

    /** Findings kept per comparison; a rewrite of an 11 MB document can have thousands. */
    static final int MAX_FINDINGS = 1000;

    /** One diff against an earlier document. */
    record Comparison(Base base, DiffReport diff) {

        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("kind", "document-diff");
            view.put("base", Map.of("application", base.contract().application(), "version", base.contract().version()));
            view.put("reasons", base.reasons());
            Map<String, Integer> counts = new LinkedHashMap<>();
            diff.counts().forEach((level, count) -> counts.put(level.name(), count));
            view.put("counts", counts);
            view.put("findings", diff.findings().stream()
                    .sorted(java.util.Comparator.comparing(Finding::level).reversed())
                    .limit(MAX_FINDINGS)
                    .map(Comparison::finding)
                    .toList());
            view.put("truncated", diff.findings().size() > MAX_FINDINGS);
            return view;
        }

        static Map<String, Object> finding(Finding finding) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("ruleId", finding.ruleId());
            view.put("level", finding.level().name());
            view.put("operation", finding.operation());
            view.put("message", finding.message());
            view.put("basePointer", finding.basePointer());
            view.put("revisionPointer", finding.revisionPointer());
            view.put("fingerprint", finding.fingerprint());
            return view;
        }
    }

    /** One consumer pact checked against the document, and what the change broke in it. */
    record PactResult(PactRef pact, CrossCheck check, List<Failure> failures, List<Failure> introduced) {

        Map<String, Object> view() {
            Map<String, Object> view = check.view(pact.consumerVersions().get(0), failures);
            view.put("consumerVersions", pact.consumerVersions());
            view.put("reasons", pact.reasons());
            return view;
        }
    }

    /** A consumer the change breaks, with the failures it introduced. */
    record Affected(String consumer, String team, List<String> consumerVersions, List<Failure> failures) {

        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("consumer", consumer);
            view.put("team", team);
            view.put("consumerVersions", consumerVersions);
            view.put("failureCount", failures.size());
            view.put("failures", failures.stream().limit(Failure.MAX_LISTED).map(Failure::view).toList());
            return view;
        }

        Audience audience() {
            return Checks.audience(consumer, team, "consumer", failures);
        }
    }

    /** Consumers grouped from the pact results with introduced failures, in the order met. */
    static Map<String, List<PactResult>> breaking(List<PactResult> pacts) {
        return pacts.stream()
                .filter(result -> !result.introduced().isEmpty())
                .collect(Collectors.groupingBy(result -> result.pact().consumer(), LinkedHashMap::new, Collectors.toList()));
    }

    /**
     * Compatible: no consumer broken, no policy violation and (agreement required) no unagreed breaking change;
     * for a first document (nothing to break), every consumer pact must hold against it.
     */
    boolean compatible() {
        boolean pactsHold = base != null || pacts.stream().allMatch(result -> result.check().success());
        boolean agreed = policy.agreement() != Policy.Agreement.REQUIRE || !agreement.flagged();
        return affected.isEmpty() && violations.isEmpty() && pactsHold && agreed;
    }

    long breakingChanges() {
        return comparisons.stream()
                .filter(comparison -> base != null && comparison.base().contract().version().equals(base.contract().version()))
                .findFirst()
                .map(comparison -> comparison.diff().findings().stream().filter(f -> f.level() == Level.ERR).count())
                .orElse(0L);
    }

    Map<String, Object> policyView() {
        Map<String, Object> view = policy.view();
        view.put("baseVersion", base == null ? null : base.contract().version());
        view.put("violations", violations.stream().map(PolicyViolation::view).toList());
        view.put("flagged", !violations.isEmpty() || agreement.flagged());
        view.put("agreementVerdict", agreement.view());
        return view;
    }

    List<Audience> audience() {
        return affected.stream().map(Affected::audience).toList();
    }
}
