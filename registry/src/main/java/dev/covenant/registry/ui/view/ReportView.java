package dev.covenant.registry.ui.view;

import dev.covenant.registry.checks.AffectedConsumer;
import dev.covenant.registry.checks.DocumentComparison;
import dev.covenant.registry.checks.Failure;
import dev.covenant.registry.checks.PactCheck;
import dev.covenant.registry.checks.PolicyViolation;
import dev.covenant.registry.checks.Report;
import dev.covenant.registry.checks.ReportFinding;
import dev.covenant.registry.checks.ReportPolicy;
import java.util.List;
import java.util.Locale;

/**
 * One compatibility report for people: what triggered it, what was compared with what, the findings (breaking
 * first), each consumer's cross-contract check and the policy verdict, read from the report's records.
 *
 * @param verdict "compatible" or "breaking" (also the badge's CSS class)
 */
public record ReportView(String id, String application, String version, String branch, String trigger,
        String createdAt, String verdict, String summary, List<ComparisonRow> comparisons,
        List<CrossCheckRow> crossChecks, List<AffectedRow> affected, PolicyRow policy, String applicationHref) {

    /** A diff against an earlier document: why that one was chosen, its findings, and a link to the diff page. */
    public record ComparisonRow(String baseVersion, List<String> reasons, List<FindingRow> findings, long breaking,
            boolean truncated, String diffHref) {
    }

    /** One finding of a diff. */
    public record FindingRow(String level, String levelCss, String ruleId, String operation, String message) {
    }

    /**
     * One consumer pact checked against the provider's document.
     *
     * @param note why the check does not count as a verification, or null when it does
     */
    public record CrossCheckRow(String consumer, String consumerVersion, String provider, String providerVersion,
            String result, String css, List<FailureRow> failures, String note, String pactHref) {
    }

    /** A consumer the change breaks, with what breaks for it. */
    public record AffectedRow(String consumer, String team, List<String> consumerVersions, List<FailureRow> failures,
            String pactHref) {
    }

    /** What broke in one interaction. */
    public record FailureRow(String interaction, String operation, String field, String ruleId, String message) {
    }

    /** The provider's policy and whether this change violates it. */
    public record PolicyRow(String level, String mode, String verdict, String css, List<FindingRow> violations) {
    }

    public static ReportView of(Report report) {
        String application = report.application();
        String version = report.version();
        return new ReportView(report.id(), application, version, report.branch(), trigger(report.trigger()),
                UiFormat.time(report.createdAt()), report.compatible() ? "compatible" : "breaking", report.summary(),
                report.comparisons().stream().map(c -> comparison(application, version, c)).toList(),
                report.crossChecks().stream().map(ReportView::crossCheck).toList(),
                report.affectedConsumers().stream().map(a -> affected(application, a)).toList(),
                policy(report.policy()), Paths.application(application));
    }

    private static String trigger(String eventType) {
        if (eventType == null) {
            return "a check before merging";
        }
        return switch (eventType) {
            case "contract.published" -> "an OpenAPI document was published";
            case "pact.published" -> "a consumer pact was published";
            default -> eventType;
        };
    }

    private static ComparisonRow comparison(String application, String version, DocumentComparison comparison) {
        String base = comparison.baseVersion();
        List<FindingRow> findings = comparison.findings().stream().map(ReportView::finding).toList();
        long breaking = comparison.findings().stream().filter(ReportFinding::breaking).count();
        String diffHref = base == null ? null : Paths.application(application) + "/diff?from=" + Paths.query(base)
                + "&to=" + Paths.query(version);
        return new ComparisonRow(base, comparison.reasons(), findings, breaking, comparison.truncated(), diffHref);
    }

    private static FindingRow finding(ReportFinding finding) {
        return row(finding.level(), finding.ruleId(), finding.operation(), finding.message());
    }

    private static FindingRow finding(PolicyViolation violation) {
        return row(violation.level(), violation.ruleId(), violation.operation(), violation.message());
    }

    private static FindingRow row(String level, String ruleId, String operation, String message) {
        return new FindingRow(level, level == null ? "" : level.toLowerCase(Locale.ROOT), ruleId, operation, message);
    }

    private static CrossCheckRow crossCheck(PactCheck check) {
        String note = check.coverage() != null && !check.coverage().countsAsVerification()
                ? "does not count as a verification: " + check.coverage().notCountedBecause() : null;
        String provider = check.provider();
        String consumer = check.consumer();
        String consumerVersion = check.consumerVersion();
        return new CrossCheckRow(consumer, consumerVersion, provider, check.providerVersion(),
                check.success() ? "holds" : "fails", check.success() ? "verified" : "failed",
                check.failures().stream().map(ReportView::failure).toList(), note,
                provider == null || consumer == null ? null : Paths.pact(provider, consumer, consumerVersion));
    }

    private static AffectedRow affected(String provider, AffectedConsumer affected) {
        String consumer = affected.consumer();
        List<String> versions = affected.consumerVersions();
        return new AffectedRow(consumer, affected.team(), versions,
                affected.failures().stream().map(ReportView::failure).toList(),
                consumer == null ? null : Paths.pact(provider, consumer, versions.isEmpty() ? null : versions.get(0)));
    }

    private static FailureRow failure(Failure failure) {
        return new FailureRow(failure.interaction(), failure.operationOrRequest(), failure.field(), failure.ruleId(),
                failure.message());
    }

    private static PolicyRow policy(ReportPolicy policy) {
        List<FindingRow> violations = policy.violations().stream().map(ReportView::finding).toList();
        String level = policy instanceof ReportPolicy.Judged judged ? judged.level() : null;
        String mode = policy instanceof ReportPolicy.Judged judged ? judged.mode() : null;
        String verdict = violations.isEmpty() && !policy.flagged() ? "within the policy"
                : violations.size() + " violation" + (violations.size() == 1 ? "" : "s")
                        + ("enforce".equals(mode) ? " (enforced: refused)" : " (warn only)");
        return new PolicyRow(level, mode, verdict, policy.flagged() ? "failed" : "verified", violations);
    }
}
