package dev.covenant.contract.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A changelog for people of one base → revision diff: breaking changes first, grouped by operation. Made of
 * records, so it serializes to JSON as it is (the API and {@code covenant changelog --format json}); {@link #markdown}
 * renders it for pull requests and release notes.
 *
 * @param counts   findings per level, every level present
 * @param sections one per operation (document-level changes in a section whose operation is null), the sections
 *                 with the most serious change first, then by operation
 */
public record Changelog(Map<Level, Integer> counts, List<Section> sections) {

    /**
     * The changes of one operation, most serious first.
     *
     * @param operation e.g. {@code GET /pets/{id}}; null for changes of the document as a whole
     * @param level     the most serious level among the entries
     */
    public record Section(String operation, Level level, List<Entry> entries) {
        public Section {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One change.
     *
     * @param fingerprint {@link Finding#fingerprint()}, to link or ignore it
     * @param location    where inside the operation, by meaning ({@link Finding#location()}); may be null
     */
    public record Entry(Level level, String ruleId, String message, String location, String fingerprint) {
    }

    public Changelog {
        counts = Map.copyOf(counts);
        sections = List.copyOf(sections);
    }

    private static final Comparator<Level> MOST_SERIOUS_FIRST = Comparator.<Level>naturalOrder().reversed();

    public static Changelog of(DiffReport report) {
        Map<String, List<Finding>> byOperation = new LinkedHashMap<>();
        for (Finding finding : report.findings()) {
            byOperation.computeIfAbsent(finding.operation() == null ? "" : finding.operation(),
                    k -> new ArrayList<>()).add(finding);
        }
        List<Section> sections = new ArrayList<>();
        byOperation.forEach((operation, findings) -> {
            List<Entry> entries = findings.stream()
                    .sorted(Comparator.comparing(Finding::level, MOST_SERIOUS_FIRST).thenComparing(Finding::ruleId)
                            .thenComparing(Finding::message))
                    .map(f -> new Entry(f.level(), f.ruleId(), f.message(), f.location(), f.fingerprint()))
                    .toList();
            sections.add(new Section(operation.isEmpty() ? null : operation, entries.get(0).level(), entries));
        });
        sections.sort(Comparator.comparing(Section::level, MOST_SERIOUS_FIRST)
                .thenComparing(section -> section.operation() == null ? "" : pathThenMethod(section.operation())));
        Map<Level, Integer> counts = new EnumMap<>(report.counts());
        return new Changelog(counts, sections);
    }

    /** Whether some change breaks clients. */
    public boolean breaking() {
        return counts.getOrDefault(Level.ERR, 0) > 0;
    }

    /**
     * Markdown: a summary line, then a heading per operation with its changes as a list, breaking ones marked.
     * Text from the documents is escaped, so a description cannot inject markup or HTML.
     */
    public String markdown(String title) {
        StringBuilder out = new StringBuilder("# ").append(escape(title)).append("\n\n");
        if (sections.isEmpty()) {
            return out.append("No changes.\n").toString();
        }
        out.append(counts.getOrDefault(Level.ERR, 0)).append(" breaking, ")
                .append(counts.getOrDefault(Level.WARN, 0)).append(" possibly breaking, ")
                .append(counts.getOrDefault(Level.INFO, 0)).append(" other changes.\n");
        for (Section section : sections) {
            out.append("\n## ").append(section.operation() == null ? "Document" : "`" + section.operation() + "`")
                    .append("\n\n");
            for (Entry entry : section.entries()) {
                out.append("- ").append(switch (entry.level()) {
                    case ERR -> "**Breaking:** ";
                    case WARN -> "**May break:** ";
                    case INFO -> "";
                }).append(escape(entry.message())).append(" (`").append(entry.ruleId()).append("`)\n");
            }
        }
        return out.toString();
    }

    private static String pathThenMethod(String operation) {
        int space = operation.indexOf(' ');
        return space < 0 ? operation : operation.substring(space + 1) + " " + operation.substring(0, space);
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.replace("\r", " ").replace("\n", " ").toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '#', '|' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
