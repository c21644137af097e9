package dev.covenant.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.covenant.client.Results.AffectedConsumer;
import dev.covenant.client.Results.Comparison;
import dev.covenant.client.Results.Failure;
import dev.covenant.client.Results.Finding;
import dev.covenant.client.Results.PreMergeReport;
import java.io.UncheckedIOException;

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

    private static String text(String application, String branch, PreMergeReport report) {
        StringBuilder out = new StringBuilder();
        out.append(application).append(" into ").append(branch).append(": ")
                .append(report.compatible() ? "compatible" : "INCOMPATIBLE").append('\n');
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
            out.append("Breaks consumer ").append(consumer.consumer())
                    .append(consumer.team() == null ? "" : " (team " + consumer.team() + ")").append(":\n");
            for (Failure failure : consumer.failures()) {
                out.append("  ").append(nullToEmpty(failure.operation())).append("  ").append(failure.code())
                        .append(failure.field() == null ? "" : "  field " + failure.field())
                        .append(failure.ruleId() == null ? "" : "  rule " + failure.ruleId())
                        .append("  interaction \"").append(nullToEmpty(failure.interaction())).append("\"  ")
                        .append(nullToEmpty(failure.pointer())).append("  ").append(nullToEmpty(failure.message()))
                        .append('\n');
            }
        }
        if (report.policy() != null && report.policy().path("violations").size() > 0) {
            out.append("Policy ").append(report.policy().path("level").asText()).append(" (")
                    .append(report.policy().path("mode").asText()).append("): ")
                    .append(report.policy().path("violations").size()).append(" violation(s)\n");
        }
        return out.toString();
    }

    private static String markdown(String application, String branch, PreMergeReport report) {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(report.compatible() ? "✅" : "❌").append(" `").append(Markdown.escape(application))
                .append("` into `").append(Markdown.escape(branch)).append("`: ")
                .append(report.compatible() ? "compatible" : "breaks consumers").append("\n\n");
        if (!report.affectedConsumers().isEmpty()) {
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
