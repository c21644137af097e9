package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one diff run shares: both documents, their resolvers, the schema memo and the findings. */
final class DiffContext {

    private static final int MAX_PATHS = 20;

    private final RefResolver base;
    private final RefResolver revision;
    private final DiffOptions options;
    private final FindingSink sink;
    private final SchemaDiff schemas;
    private final Sameness sameness;

    DiffContext(JsonNode base, JsonNode revision, DiffOptions options, Rules rules) {
        this.base = new RefResolver(base);
        this.revision = new RefResolver(revision);
        this.options = options;
        this.sink = new FindingSink(rules);
        this.sameness = new Sameness(this.base, this.revision);
        this.schemas = new SchemaDiff(this.base, this.revision, rules, sameness, options);
    }

    RefResolver base() {
        return base;
    }

    RefResolver revision() {
        return revision;
    }

    DiffOptions options() {
        return options;
    }

    FindingSink sink() {
        return sink;
    }

    SchemaDiff schemas() {
        return schemas;
    }

    /** Whether two subtrees (and every component they reference) are unchanged. */
    boolean same(JsonNode from, JsonNode to) {
        return sameness.same(from, to);
    }

    /**
     * Compares two schemas and records their changes as findings of an operation. A change reached along
     * several property paths (shared or recursive components) is reported once, listing the paths, and placed
     * at the preferred one ({@link SchemaChange#PREFERRED_PATH}), so that its location (and fingerprint) does
     * not depend on key order.
     *
     * @param where    the place for people ({@code response 200 application/json})
     * @param location the logical place the fingerprint uses; the property path is appended to it
     */
    void compareSchemas(String operation, String where, String location, SchemaScope scope, RefResolver.Located from,
                        RefResolver.Located to) {
        List<SchemaChange> changes = schemas.compare(scope, false, from, to);
        if (changes.isEmpty()) {
            return;
        }
        Map<String, List<SchemaChange>> byTarget = new LinkedHashMap<>();
        for (SchemaChange change : changes) {
            String target = change.ruleId() + "|" + change.basePointer() + "|" + change.revisionPointer() + "|"
                    + change.message();
            byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(change);
        }
        for (List<SchemaChange> same : byTarget.values()) {
            SchemaChange change = same.stream()
                    .min(Comparator.comparing(SchemaChange::path, SchemaChange.PREFERRED_PATH)).orElseThrow();
            Map<String, Object> details = new HashMap<>(change.details());
            details.put("in", where);
            if (!change.path().isEmpty()) {
                details.put("property", change.path());
            }
            if (same.size() > 1) {
                details.put("properties", same.stream().map(SchemaChange::path).sorted(SchemaChange.PREFERRED_PATH)
                        .limit(MAX_PATHS).toList());
            }
            String place = change.path().isEmpty() ? where : where + ", property " + change.path();
            sink.addAt(change.ruleId(), operation, change.path().isEmpty() ? location : location + " " + change.path(),
                    change.basePointer(), change.revisionPointer(), place + ": " + change.message(), details);
        }
    }
}
