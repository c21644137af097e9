package dev.covenant.contract.diff;

import java.util.Comparator;
import java.util.Map;

/**
 * A change found inside a schema comparison, before it is tied to an operation. Schema comparisons are
 * memoized and replayed into every operation that uses the schema, so the property path is relative to
 * the compared schema.
 *
 * @param ruleId          oasdiff id
 * @param basePointer     where the changed thing lives in the base (after following references)
 * @param revisionPointer where it lives in the revision
 * @param path            property path relative to the compared schema, "" for the schema itself
 * @param message         what changed, without the place
 * @param details         extras for machines
 */
record SchemaChange(String ruleId, String basePointer, String revisionPointer, String path, String message,
                    Map<String, Object> details) {

    /**
     * Of the paths one change is reached by, the one it is reported at: the shortest, then the first in string
     * order. Independent of the order properties are visited in, so key order does not move a change.
     */
    static final Comparator<String> PREFERRED_PATH = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    SchemaChange under(String parent) {
        String joined = path.isEmpty() ? parent : parent + "/" + path;
        return new SchemaChange(ruleId, basePointer, revisionPointer, joined, message, details);
    }
}
