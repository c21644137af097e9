package dev.covenant.registry.checks;

import dev.covenant.contract.diff.DiffReport;
import dev.covenant.contract.diff.Finding;
import dev.covenant.contract.diff.Level;
import dev.covenant.registry.checks.Dependents.Base;
import dev.covenant.registry.checks.Dependents.PactRef;
import dev.covenant.registry.events.Audience;
import java.util.Comparator;
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

        /** As a report keeps it: breaking findings first, at most {@link #MAX_FINDINGS}. */
        DocumentComparison part() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            diff.counts().forEach((level, count) -> counts.put(level.name(), count));
            return new DocumentComparison(base.contract().application(), base.contract().version(), base.reasons(),
                    counts, diff.findings().stream()
                            .sorted(Comparator.comparing(Finding::level).reversed())
                            .limit(MAX_FINDINGS)
                            .map(ReportFinding::of)
                            .toList(),
                    diff.findings().size() > MAX_FINDINGS);
        }
    }

    /** One consumer pact checked against the document, and what the change broke in it. */
    record PactResult(PactRef pact, CrossCheck check, List<Failure> failures, List<Failure> introduced) {

        /** As a report lists it; {@code selfVerification} of the document, null for a pre-merge candidate. */
        PactCheck part(String selfVerification) {
            return check.part(pact.consumerVersions().get(0), failures, pact.consumerVersions(), pact.reasons(),
                    selfVerification);
        }
    }

    /** A consumer the change breaks, with the failures it introduced. */
    record Affected(String consumer, String team, List<String> consumerVersions, List<Failure> failures) {

        AffectedConsumer part() {
            return new AffectedConsumer(consumer, team, consumerVersions, failures.size(),
                    failures.stream().limit(Failure.MAX_LISTED).toList());
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

    ReportPolicy.Judged policyPart() {
        return new ReportPolicy.Judged(policy.level().name(), policy.mode().stored(), policy.selfVerification().stored(),
                policy.validation().stored(), policy.agreement().stored(),
                base == null ? null : base.contract().version(), violations,
                !violations.isEmpty() || agreement.flagged(), agreement.part());
    }

    List<Audience> audience() {
        return affected.stream().map(Affected::audience).toList();
    }
}
