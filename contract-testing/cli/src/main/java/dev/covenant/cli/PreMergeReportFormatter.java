package dev.covenant.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.covenant.client.Results.AffectedConsumer;
import dev.covenant.client.Results.Comparison;
import dev.covenant.client.Results.CrossCheck;
import dev.covenant.client.Results.Failure;
import dev.covenant.client.Results.Finding;
import dev.covenant.client.Results.PreMergeReport;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The pre-merge report for people (text), tools (JSON, as the registry sent it) and pull requests (Markdown). */
final class PreMergeReportFormatter {

    private PreMergeReportFormatter() {
    }

    static String format(OutputFormat format, String application, String branch, PreMergeReport report) {
        return switch (format) {
            case TEXT -> text(application, branch, report);
            case JSON -> json(report);
            case MARKDOWN -> markdown(application, branch, report);
        };
    }

    /**
     * A consumer pact that fails against the candidate for reasons the change did not introduce: it failed against
     * the document the candidate replaces too. The change is not to blame (the verdict stays compatible), but a
     * report must not look all green while a consumer, perhaps one running in production, fails.
     */
    record AlreadyBroken(CrossCheck check, List<Failure> failures) {
    }

    static List<AlreadyBroken> alreadyBroken(PreMergeReport report) {
        Set<List<String>> introduced = new java.util.HashSet<>();
        for (AffectedConsumer consumer : report.affectedConsumers()) {
            consumer.failures().forEach(failure -> introduced.add(key(consumer.consumer(), failure)));
        }
        List<AlreadyBroken> broken = new ArrayList<>();
        for (CrossCheck check : report.crossChecks()) {
            if (check.success()) {
                continue;
            }
            List<Failure> earlier = check.failures().stream()
                    .filter(failure -> !introduced.contains(key(check.consumer(), failure))).toList();
            if (!earlier.isEmpty() || check.failures().isEmpty()) {
                broken.add(new AlreadyBroken(check, earlier));
            }
        }
        return broken;
    }

    private static List<String> key(String consumer, Failure failure) {
        return java.util.Arrays.asList(consumer, failure.interaction(), failure.code(), failure.field(), failure.pointer());
    }

    /** "1.0.0 (deployed in production), 2.1.0 (latest on main branch main)": which versions, and why they count. */
    static String versions(CrossCheck check) {
        List<String> versions = check.consumerVersions().isEmpty() && check.consumerVersion() != null
                ? List.of(check.consumerVersion()) : check.consumerVersions();
        return String.join(", ", versions) + (check.reasons().isEmpty() ? "" : " (" + String.join(", ", check.reasons()) + ")");
    }

    /** Versions and reasons of the consumer's failing pacts, for a consumer the change breaks. */
    private static String versions(PreMergeReport report, AffectedConsumer consumer) {
        Set<String> parts = new LinkedHashSet<>();
        report.crossChecks().stream()
                .filter(check -> !check.success() && Objects.equals(check.consumer(), consumer.consumer()))
                .forEach(check -> parts.add(versions(check)));
        if (parts.isEmpty() && !consumer.consumerVersions().isEmpty()) {
            parts.add(String.join(", ", consumer.consumerVersions()));
        }
        return String.join("; ", parts);
    }

    private static String verdict(PreMergeReport report, List<AlreadyBroken> broken) {
        if (!report.compatible()) {
            return "INCOMPATIBLE";
        }
        return broken.isEmpty() ? "compatible" : "compatible (breaks nothing new), but " + consumers(broken)
                + " already fail" + (broken.size() == 1 ? "s" : "");
    }

    private static String consumers(List<AlreadyBroken> broken) {
        long distinct = broken.stream().map(b -> b.check().consumer()).distinct().count();
        return distinct == 1 ? "1 consumer" : distinct + " consumers";
    }

    private static String text(String application, String branch, PreMergeReport report) {
        StringBuilder out = new StringBuilder();
        List<AlreadyBroken> broken = alreadyBroken(report);
        out.append(application).append(" into ").append(branch).append(": ").append(verdict(report, broken)).append('\n');
        for (Comparison comparison : report.comparisons()) {
            if (comparison.findings().isEmpty()) {
                continue;
            }
            out.append("Changes against ").append(base(comparison)).append(":\n");
            for (Finding finding : comparison.findings()) {
                out.append("  ").append(finding.level()).append(' ').append(finding.ruleId()).append("  ")
                        .append(nullToEmpty(finding.operation())).append("  ").append(nullToEmpty(finding.message()))
                        .append('\n');
            }
        }
        for (AffectedConsumer consumer : report.affectedConsumers()) {
            String versions = versions(report, consumer);
            out.append("Breaks consumer ").append(consumer.consumer())
                    .append(consumer.team() == null ? "" : " (team " + consumer.team() + ")")
                    .append(versions.isEmpty() ? "" : " " + versions).append(":\n");
            consumer.failures().forEach(failure -> textFailure(out, failure));
        }
        for (AlreadyBroken already : broken) {
            out.append("Already failing before this change: consumer ").append(already.check().consumer()).append(' ')
                    .append(versions(already.check())).append(":\n");
            already.failures().forEach(failure -> textFailure(out, failure));
        }
        if (report.policy() != null && report.policy().path("violations").size() > 0) {
            // e.g. "Policy BACKWARD (warn): 1 violation(s)": the application's compatibility policy, and whether a
            // violation fails the check (block) or is only reported (warn)
            out.append("Policy ").append(report.policy().path("level").asText()).append(" (")
                    .append(report.policy().path("mode").asText()).append("): ")
                    .append(report.policy().path("violations").size())
                    .append(report.policy().path("violations").size() == 1 ? " violation" : " violations")
                    .append(" (the policy's level; in warn mode reported, in enforce mode refused on publish)\n");
        }
        return out.toString();
    }

    private static void textFailure(StringBuilder out, Failure failure) {
        out.append("  ").append(nullToEmpty(failure.operation())).append("  ").append(failure.code())
                .append(failure.field() == null ? "" : "  field " + failure.field())
                .append(failure.ruleId() == null ? "" : "  rule " + failure.ruleId())
                .append("  interaction \"").append(nullToEmpty(failure.interaction())).append("\"  ")
                .append(nullToEmpty(failure.pointer())).append("  ").append(nullToEmpty(failure.message()))
                .append('\n');
    }

    private static String markdown(String application, String branch, PreMergeReport report) {
        StringBuilder out = new StringBuilder();
        List<AlreadyBroken> broken = alreadyBroken(report);
        // ✅ only when nothing fails: a compatible change next to a failing (perhaps deployed) consumer is ⚠️
        String icon = !report.compatible() ? "❌" : broken.isEmpty() ? "✅" : "⚠️";
        out.append("### ").append(icon).append(" `").append(Markdown.escape(application))
                .append("` into `").append(Markdown.escape(branch)).append("`: ")
                .append(!report.compatible() ? "breaks consumers" : broken.isEmpty() ? "compatible"
                        : "breaks nothing new, but " + consumers(broken) + " already fail" + (broken.size() == 1 ? "s" : ""))
                .append("\n\n");
        for (AffectedConsumer consumer : report.affectedConsumers()) {
            String versions = versions(report, consumer);
            out.append("- breaks `").append(Markdown.escape(consumer.consumer())).append('`')
                    .append(versions.isEmpty() ? "" : " " + Markdown.escape(versions)).append('\n');
        }
        if (!report.affectedConsumers().isEmpty()) {
            out.append('\n');
            out.append("| Consumer | Team | Operation | Field | Rule | Code | Interaction | Where | Message |\n");
            out.append("|---|---|---|---|---|---|---|---|---|\n");
            for (AffectedConsumer consumer : report.affectedConsumers()) {
                for (Failure failure : consumer.failures()) {
                    out.append("| ").append(Markdown.escape(consumer.consumer()))
                            .append(" | ").append(Markdown.escape(consumer.team()))
                            .append(" | ").append(Markdown.escape(failure.operation()))
                            .append(" | ").append(Markdown.escape(failure.field()))
                            .append(" | ").append(failure.ruleId() == null ? "" : "`" + Markdown.escape(failure.ruleId()) + "`")
                            .append(" | `").append(Markdown.escape(failure.code()))
                            .append("` | ").append(Markdown.escape(failure.interaction()))
                            .append(" | ").append(Markdown.escape(failure.pointer()))
                            .append(" | ").append(Markdown.escape(failure.message())).append(" |\n");
                }
            }
            out.append('\n');
        }
        if (!broken.isEmpty()) {
            out.append("Already failing before this change:\n\n| Consumer | Versions | Operation | Field | Code | Interaction | Message |\n");
            out.append("|---|---|---|---|---|---|---|\n");
            for (AlreadyBroken already : broken) {
                List<Failure> failures = already.failures().isEmpty()
                        ? List.of(new Failure(null, null, null, "failed", null, null, null)) : already.failures();
                for (Failure failure : failures) {
                    out.append("| ").append(Markdown.escape(already.check().consumer()))
                            .append(" | ").append(Markdown.escape(versions(already.check())))
                            .append(" | ").append(Markdown.escape(failure.operation()))
                            .append(" | ").append(Markdown.escape(failure.field()))
                            .append(" | `").append(Markdown.escape(failure.code()))
                            .append("` | ").append(Markdown.escape(failure.interaction()))
                            .append(" | ").append(Markdown.escape(failure.message())).append(" |\n");
                }
            }
            out.append('\n');
        }
        boolean header = false;
        for (Comparison comparison : report.comparisons()) {
            for (Finding finding : comparison.findings()) {
                if (!header) {
                    out.append("| Level | Rule | Operation | Message |\n|---|---|---|---|\n");
                    header = true;
                }
                out.append("| ").append(Markdown.escape(finding.level())).append(" | `")
                        .append(Markdown.escape(finding.ruleId())).append("` | ")
                        .append(Markdown.escape(finding.operation())).append(" | ")
                        .append(Markdown.escape(finding.message())).append(" |\n");
            }
        }
        return out.toString();
    }

    private static String json(PreMergeReport report) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base(Comparison comparison) {
        return comparison.base() == null ? nullToEmpty(comparison.kind())
                : comparison.base().application() + " " + comparison.base().version();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
