package dev.covenant.contract.diff;

import java.util.Map;

/**
 * One change between two documents, named by an oasdiff rule id.
 *
 * @param ruleId          stable oasdiff id, e.g. {@code response-property-type-changed}
 * @param level           the level rules.json gives that id
 * @param operation       e.g. {@code GET /pets/{id}}; null for document-level findings
 * @param basePointer     JSON pointer into the base document, null where the thing is absent there
 * @param revisionPointer JSON pointer into the revision, null where absent there
 * @param message         a sentence for a person
 * @param details         machine-readable extras (property path, old and new values, comment ids)
 */
public record Finding(
        String ruleId,
        Level level,
        String operation,
        String basePointer,
        String revisionPointer,
        String message,
        Map<String, Object> details) {

    public Finding {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
