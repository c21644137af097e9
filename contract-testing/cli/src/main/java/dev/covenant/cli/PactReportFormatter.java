package dev.covenant.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.covenant.contract.check.CheckReport;
import dev.covenant.contract.check.PactFinding;
import dev.covenant.contract.pact.Pact;
import java.util.List;

/** Writes pact check results as text, JSON or Markdown. */
final class PactReportFormatter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One pact file and what checking it found. */
    record Checked(String file, Pact pact, CheckReport report) {
    }

    private PactReportFormatter() {
    }

    static String format(OutputFormat format, String document, List<Checked> results) {
        return switch (format) {
            case TEXT -> text(document, results);
            case JSON -> json(document, results);
            case MARKDOWN -> markdown(document, results);
        };
    }

    private static String text(String document, List<Checked> results) {
        StringBuilder out = new StringBuilder();
        for (Checked result : results) {
            CheckReport report = result.report();
            out.append(result.file()).append(" (").append(result.pact().consumer()).append(" -> ")
                    .append(result.pact().provider()).append(") against ").append(document).append(": ");
            if (report.findings().isEmpty()) {
                out.append("compatible, no findings\n");
                continue;
            }
            out.append(report.errorCount()).append(" error(s), ").append(report.warningCount()).append(" warning(s)\n");
            for (PactFinding finding : report.findings()) {
                out.append("  ").append(finding.type()).append(' ').append(finding.code())
                        .append("  interaction ").append(finding.interaction().index())
                        .append(" \"").append(finding.interaction().description()).append("\"\n")
                        .append("    ").append(finding.message()).append('\n')
                        .append("    pact: ").append(finding.mockPointer()).append('\n')
                        .append("    spec: ").append(finding.specPointer()).append('\n');
            }
        }
        return out.toString();
    }

    private static String json(String document, List<Checked> results) {
        ObjectNode root = JSON.createObjectNode();
        root.put("document", document);
        ArrayNode pacts = root.putArray("pacts");
        for (Checked result : results) {
            ObjectNode pact = pacts.addObject();
            pact.put("file", result.file());
            pact.put("consumer", result.pact().consumer());
            pact.put("provider", result.pact().provider());
            pact.put("errors", result.report().errorCount());
            pact.put("warnings", result.report().warningCount());
            ArrayNode findings = pact.putArray("findings");
            for (PactFinding finding : result.report().findings()) {
                ObjectNode item = findings.addObject();
                item.put("code", finding.code());
                item.put("type", finding.type().name().toLowerCase(java.util.Locale.ROOT));
                ObjectNode interaction = item.putObject("interaction");
                interaction.put("index", finding.interaction().index());
                interaction.put("description", finding.interaction().description());
                item.put("mockPointer", finding.mockPointer());
                item.put("specPointer", finding.specPointer());
                item.put("message", finding.message());
                if (finding.value() != null) {
                    item.put("value", finding.value());
                }
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }

    private static String markdown(String document, List<Checked> results) {
        StringBuilder out = new StringBuilder();
        for (Checked result : results) {
            out.append("### ").append(Markdown.escape(result.pact().consumer())).append(" → ")
                    .append(Markdown.escape(result.pact().provider())).append(" (`").append(result.file())
                    .append("` against `").append(document).append("`)\n\n");
            if (result.report().findings().isEmpty()) {
                out.append("Compatible: no findings.\n\n");
                continue;
            }
            out.append("| Type | Code | Interaction | Pact | Spec | Message |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (PactFinding finding : result.report().findings()) {
                out.append("| ").append(finding.type() == dev.covenant.contract.check.FindingType.ERROR ? "❌ error" : "⚠️ warning")
                        .append(" | `").append(finding.code()).append("` | ")
                        .append(finding.interaction().index()).append(": ")
                        .append(Markdown.escape(finding.interaction().description()))
                        .append(" | `").append(finding.mockPointer()).append("` | `").append(finding.specPointer())
                        .append("` | ").append(Markdown.escape(finding.message())).append(" |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
