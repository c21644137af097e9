package dev.covenant.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Writes diff results as text, JSON or Markdown. */
final class DiffReportFormatter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiffReportFormatter() {
    }

    static String format(OutputFormat format, String base, String revision, DiffView view) {
        return switch (format) {
            case TEXT -> text(base, revision, view);
            case JSON -> json(base, revision, view);
            case MARKDOWN -> markdown(base, revision, view);
        };
    }

    private static String text(String base, String revision, DiffView view) {
        StringBuilder out = new StringBuilder();
        out.append(base).append(" -> ").append(revision).append(": ").append(summary(view)).append('\n');
        for (DiffView.Change change : view.findings()) {
            out.append("  ").append(change.level()).append(' ').append(change.ruleId());
            if (change.operation() != null && !change.operation().isEmpty()) {
                out.append("  ").append(change.operation());
            }
            out.append("\n    ").append(change.message()).append('\n');
            if (change.basePointer() != null) {
                out.append("    base: ").append(change.basePointer()).append('\n');
            }
            if (change.revisionPointer() != null) {
                out.append("    revision: ").append(change.revisionPointer()).append('\n');
            }
        }
        return out.toString();
    }

    private static String json(String base, String revision, DiffView view) {
        ObjectNode root = JSON.createObjectNode();
        root.put("base", base);
        root.put("revision", revision);
        ArrayNode findings = root.putArray("findings");
        for (DiffView.Change change : view.findings()) {
            ObjectNode item = findings.addObject();
            item.put("ruleId", change.ruleId());
            item.put("level", change.level().name());
            item.put("operation", change.operation());
            item.put("basePointer", change.basePointer());
            item.put("revisionPointer", change.revisionPointer());
            item.put("message", change.message());
            item.put("fingerprint", change.fingerprint());
            item.set("details", JSON.valueToTree(change.details()));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }

    private static String markdown(String base, String revision, DiffView view) {
        StringBuilder out = new StringBuilder();
        out.append("### `").append(base).append("` → `").append(revision).append("`: ").append(summary(view)).append("\n\n");
        if (view.findings().isEmpty()) {
            return out.toString();
        }
        out.append("| Level | Rule | Operation | Message |\n|---|---|---|---|\n");
        for (DiffView.Change change : view.findings()) {
            out.append("| ").append(change.level()).append(" | `").append(change.ruleId()).append("` | ")
                    .append(Markdown.escape(change.operation())).append(" | ")
                    .append(Markdown.escape(change.message())).append(" |\n");
        }
        return out.append('\n').toString();
    }

    private static String summary(DiffView view) {
        if (view.findings().isEmpty()) {
            return "no changes";
        }
        Map<DiffView.Level, Long> counts = new java.util.EnumMap<>(DiffView.Level.class);
        view.findings().forEach(change -> counts.merge(change.level(), 1L, Long::sum));
        return counts.getOrDefault(DiffView.Level.ERR, 0L) + " breaking (ERR), "
                + counts.getOrDefault(DiffView.Level.WARN, 0L) + " possibly breaking (WARN), "
                + counts.getOrDefault(DiffView.Level.INFO, 0L) + " non-breaking (INFO)";
    }
}
