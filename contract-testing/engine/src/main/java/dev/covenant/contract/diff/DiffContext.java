package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Everything one diff run shares: both documents, their resolvers, the schema memo and the findings. */
final class DiffContext {

    private final RefResolver base;
    private final RefResolver revision;
    private final DiffOptions options;
    private final FindingSink sink;
    private final SchemaDiff schemas;

    DiffContext(JsonNode base, JsonNode revision, DiffOptions options, Rules rules) {
        this.base = new RefResolver(base);
        this.revision = new RefResolver(revision);
        this.options = options;
        this.sink = new FindingSink(rules);
        this.schemas = new SchemaDiff(this.base, this.revision, rules);
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

    /** Compares two schemas and records their changes as findings of an operation. */
    void compareSchemas(String operation, String where, SchemaScope scope, RefResolver.Located from,
                        RefResolver.Located to) {
        List<SchemaChange> changes = schemas.compare(scope, false, from, to);
        for (SchemaChange change : changes) {
            Map<String, Object> details = new HashMap<>(change.details());
            details.put("in", where);
            if (!change.path().isEmpty()) {
                details.put("property", change.path());
            }
            String place = change.path().isEmpty() ? where : where + ", property " + change.path();
            sink.add(change.ruleId(), operation, change.basePointer(), change.revisionPointer(),
                    place + ": " + change.message(), details);
        }
    }
}
