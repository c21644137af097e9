package dev.covenant.cli;

import java.util.List;
import java.util.Map;

/**
 * What the diff command prints: the engine's findings, in oasdiff's vocabulary.
 *
 * @param findings every change found, most severe first or in the engine's order
 */
public record DiffView(List<Change> findings) {

    public DiffView {
        findings = List.copyOf(findings);
    }

    /** oasdiff levels: ERR breaks clients, WARN may break them, INFO does not. */
    public enum Level {
        ERR, WARN, INFO;

        boolean atLeast(Level threshold) {
            return ordinal() <= threshold.ordinal();
        }
    }

    /** One change between base and revision (mirrors the engine's {@code Finding}). */
    public record Change(String ruleId, Level level, String operation, String basePointer, String revisionPointer,
                         String message, Map<String, Object> details) {

        public Change {
            details = details == null ? Map.of() : Map.copyOf(details);
        }
    }
}
