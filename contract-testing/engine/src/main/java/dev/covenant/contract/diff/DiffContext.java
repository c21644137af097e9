package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    // the deprecation policy (days) of the operation being compared: property deprecations are judged by it
    private int deprecationDays;

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

    /** Enters an operation: its stability level sets the deprecation policy for what is found inside it. */
    void enterOperation(JsonNode revisionOperation) {
        deprecationDays = options.deprecationDays(Lifecycle.stabilityOf(revisionOperation));
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
            String ruleId = change.ruleId();
            String message = change.message();
            if (ruleId.endsWith("-property-deprecated")) {
                Deprecation deprecation = propertyDeprecation(details);
                ruleId = ruleId + switch (deprecation.verdict()) {
                    case DEPRECATED -> "";
                    case WITH_SUNSET -> "-with-sunset";
                    case SUNSET_MISSING -> "-sunset-missing";
                    case SUNSET_INVALID -> "-sunset-invalid";
                    case SUNSET_TOO_SOON -> "-sunset-date-too-small";
                };
                if (deprecation.verdict() == Deprecation.Verdict.SUNSET_TOO_SOON) {
                    ruleId = ruleId.replace("-property-deprecated-", "-property-");
                }
                message = deprecation.describe();
                details.putAll(deprecation.details());
            }
            sink.addAt(ruleId, operation, change.path().isEmpty() ? location : location + " " + change.path(),
                    change.basePointer(), change.revisionPointer(), place + ": " + message, details);
        }
    }

    private Deprecation propertyDeprecation(Map<String, Object> details) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        Object sunset = details.remove(Deprecation.SUNSET);
        if (sunset != null) {
            node.put(Deprecation.SUNSET, sunset.toString());
        }
        return Deprecation.judge(node, deprecationDays, options);
    }
}
