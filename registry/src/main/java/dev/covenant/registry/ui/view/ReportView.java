package dev.covenant.registry.ui.view;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One compatibility report for people: what triggered it, what was compared with what, the findings (breaking
 * first), each consumer's cross-contract check and the policy verdict, read from the report's JSON view.
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

    public static ReportView of(Map<String, Object> report) {
        String application = text(report, "application");
        String version = text(report, "version");
        boolean compatible = Boolean.TRUE.equals(report.get("compatible"));
        return new ReportView(text(report, "id"), application, version, text(report, "branch"),
                trigger(text(report, "trigger")), time(text(report, "createdAt")), compatible ? "compatible" : "breaking",
                text(report, "summary"),
                maps(report.get("comparisons")).stream().map(c -> comparison(application, version, c)).toList(),
                maps(report.get("crossChecks")).stream().map(ReportView::crossCheck).toList(),
                maps(report.get("affectedConsumers")).stream().map(a -> affected(application, a)).toList(),
                policy(report.get("policy") instanceof Map<?, ?> policy ? cast(policy) : Map.of()),
                Paths.application(application));
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

    private static ComparisonRow comparison(String application, String version, Map<String, Object> comparison) {
        String base = comparison.get("base") instanceof Map<?, ?> map ? text(cast(map), "version") : null;
        List<FindingRow> findings = maps(comparison.get("findings")).stream().map(ReportView::finding).toList();
        long breaking = findings.stream().filter(f -> "ERR".equals(f.level())).count();
        String diffHref = base == null ? null : Paths.application(application) + "/diff?from=" + Paths.query(base)
                + "&to=" + Paths.query(version);
        return new ComparisonRow(base, strings(comparison.get("reasons")), findings, breaking,
                Boolean.TRUE.equals(comparison.get("truncated")), diffHref);
    }

    private static FindingRow finding(Map<String, Object> finding) {
        String level = text(finding, "level");
        return new FindingRow(level, level == null ? "" : level.toLowerCase(Locale.ROOT), text(finding, "ruleId"),
                text(finding, "operation"), text(finding, "message"));
    }

    private static CrossCheckRow crossCheck(Map<String, Object> check) {
        boolean success = Boolean.TRUE.equals(check.get("success"));
        String note = Boolean.FALSE.equals(check.get("countsAsVerification"))
                ? "does not count as a verification: " + text(check, "notCountedBecause") : null;
        String provider = text(check, "provider");
        String consumer = text(check, "consumer");
        String consumerVersion = text(check, "consumerVersion");
        return new CrossCheckRow(consumer, consumerVersion, provider, text(check, "providerVersion"),
                success ? "holds" : "fails", success ? "verified" : "failed",
                maps(check.get("failures")).stream().map(ReportView::failure).toList(), note,
                provider == null || consumer == null ? null : Paths.pact(provider, consumer, consumerVersion));
    }

    private static AffectedRow affected(String provider, Map<String, Object> affected) {
        String consumer = text(affected, "consumer");
        List<String> versions = strings(affected.get("consumerVersions"));
        return new AffectedRow(consumer, text(affected, "team"), versions,
                maps(affected.get("failures")).stream().map(ReportView::failure).toList(),
                consumer == null ? null : Paths.pact(provider, consumer, versions.isEmpty() ? null : versions.get(0)));
    }

    private static FailureRow failure(Map<String, Object> failure) {
        return new FailureRow(text(failure, "interaction"), text(failure, "operation"), text(failure, "field"),
                text(failure, "ruleId"), text(failure, "message"));
    }

    private static PolicyRow policy(Map<String, Object> policy) {
        List<FindingRow> violations = maps(policy.get("violations")).stream().map(ReportView::finding).toList();
        boolean flagged = Boolean.TRUE.equals(policy.get("flagged"));
        String mode = text(policy, "mode");
        String verdict = violations.isEmpty() && !flagged ? "within the policy"
                : violations.size() + " violation" + (violations.size() == 1 ? "" : "s")
                        + ("enforce".equals(mode) ? " (enforced: refused)" : " (warn only)");
        return new PolicyRow(text(policy, "level"), mode, verdict, flagged ? "failed" : "verified", violations);
    }

    private static String time(String instant) {
        if (instant == null) {
            return "";
        }
        try {
            return UiFormat.time(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static List<Map<String, Object>> maps(Object value) {
        return value instanceof List<?> list
                ? list.stream().filter(Map.class::isInstance).map(item -> cast((Map<?, ?>) item)).toList()
                : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
