package dev.covenant.registry.ui.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.registry.engine.JsonLine;
import dev.covenant.contract.diff.DiffReport;
import dev.covenant.contract.diff.Finding;
import dev.covenant.contract.diff.Level;
import dev.covenant.registry.ui.model.Operations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Two versions of a document compared: the findings with their oasdiff rule ids and levels, breaking (ERR) first,
 * and each changed operation side by side with the lines that differ marked.
 */
public record DiffView(String from, String to, List<Row> findings, int breaking, int warnings, int infos,
        List<OperationPair> operations) {

    /** Lines shown per side; a huge operation is cut rather than sent whole. */
    static final int MAX_LINES = 400;

    /** One finding, with its stable fingerprint (the row's anchor, what ignore lists and agreements name). */
    public record Row(String level, String levelCss, String ruleId, String operation, String message,
            String fingerprint) {
    }

    /** One changed operation in both versions; a side is empty when the operation is absent there. */
    public record OperationPair(String name, String anchor, List<Line> base, List<Line> revision) {
    }

    /** A line of an operation's JSON; {@code changed} when the other side has no identical line. */
    public record Line(String text, boolean changed) {
    }

    public static DiffView of(String from, String to, JsonNode base, JsonNode revision, DiffReport report) {
        List<Finding> sorted = new ArrayList<>(report.findings());
        sorted.sort(Comparator.comparing(Finding::level, Comparator.reverseOrder())
                .thenComparing(finding -> finding.operation() == null ? "" : finding.operation())
                .thenComparing(Finding::ruleId));
        List<Row> rows = sorted.stream().map(finding -> new Row(finding.level().name(),
                finding.level().name().toLowerCase(java.util.Locale.ROOT), finding.ruleId(), finding.operation(),
                finding.message(), finding.fingerprint())).toList();
        Set<String> changed = new LinkedHashSet<>();
        sorted.stream().map(Finding::operation).filter(java.util.Objects::nonNull).forEach(changed::add);
        List<OperationPair> pairs = new ArrayList<>();
        for (String operation : changed) {
            List<String> left = lines(Refs.inline(base, Operations.find(base, operation)));
            List<String> right = lines(Refs.inline(revision, Operations.find(revision, operation)));
            pairs.add(new OperationPair(operation, "op-" + CatalogView.anchor(operation), mark(left, right),
                    mark(right, left)));
        }
        var counts = report.counts();
        return new DiffView(from, to, rows, counts.get(Level.ERR), counts.get(Level.WARN), counts.get(Level.INFO),
                List.copyOf(pairs));
    }

    private static List<String> lines(JsonNode operation) {
        if (operation == null) {
            return List.of();
        }
        List<String> lines = List.of(JsonLine.pretty(operation).split("\n"));
        return lines.size() > MAX_LINES ? lines.subList(0, MAX_LINES) : lines;
    }

    /** Lines of {@code side} outside a longest common subsequence with {@code other} are changed. */
    static List<Line> mark(List<String> side, List<String> other) {
        int n = side.size();
        int m = other.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = side.get(i).equals(other.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Line> lines = new ArrayList<>(n);
        int i = 0;
        int j = 0;
        while (i < n) {
            if (j < m && side.get(i).equals(other.get(j))) {
                lines.add(new Line(side.get(i++), false));
                j++;
            } else if (j < m && common[i][j + 1] >= common[i + 1][j]) {
                j++;
            } else {
                lines.add(new Line(side.get(i++), true));
            }
        }
        return lines;
    }
}
