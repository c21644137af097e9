package dev.covenant.cli;

import dev.covenant.contract.openapi.DocumentProblem;
import dev.covenant.contract.openapi.ParsedDocument;
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

    /**
     * This view with each structural problem of a leniently read document added as a {@code document-invalid}
     * warning (pointing into the base or the revision), after the changes.
     */
    public DiffView withDocumentWarnings(List<DocumentProblem> base, List<DocumentProblem> revision) {
        if (base.isEmpty() && revision.isEmpty()) {
            return this;
        }
        List<Change> all = new java.util.ArrayList<>(findings);
        base.forEach(problem -> all.add(documentInvalid(problem, true)));
        revision.forEach(problem -> all.add(documentInvalid(problem, false)));
        return new DiffView(all);
    }

    private static Change documentInvalid(DocumentProblem problem, boolean inBase) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("document", inBase ? "base" : "revision");
        if (problem.line() != null) {
            details.put("line", problem.line());
        }
        String where = problem.line() == null ? "" : " (line " + problem.line() + ")";
        return new Change(ParsedDocument.DOCUMENT_INVALID, Level.WARN, null, inBase ? problem.pointer() : null,
                inBase ? null : problem.pointer(), (inBase ? "base" : "revision") + where + ": " + problem.message(),
                details);
    }

    /** oasdiff levels: ERR breaks clients, WARN may break them, INFO does not. */
    public enum Level {
        ERR, WARN, INFO;

        boolean atLeast(Level threshold) {
            return ordinal() <= threshold.ordinal();
        }
    }

    /**
     * One change between base and revision (mirrors the engine's {@code Finding}).
     *
     * @param fingerprint the finding's stable fingerprint (what ignore lists and agreements name)
     */
    public record Change(String ruleId, Level level, String operation, String basePointer, String revisionPointer,
                         String message, Map<String, Object> details, String fingerprint) {

        public Change {
            details = details == null ? Map.of() : Map.copyOf(details);
        }

        /** A change without a logical location: fingerprinted by the engine's rule from its pointers. */
        public Change(String ruleId, Level level, String operation, String basePointer, String revisionPointer,
                      String message, Map<String, Object> details) {
            this(ruleId, level, operation, basePointer, revisionPointer, message, details,
                    new dev.covenant.contract.diff.Finding(ruleId, dev.covenant.contract.diff.Level.valueOf(level.name()),
                            operation, basePointer, revisionPointer, message, details).fingerprint());
        }
    }
}
