package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.Pointers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The changes of one schema pair, named for the scope the pair sits in. */
final class SchemaChanges {

    private final SchemaScope scope;
    private final boolean nested;
    private final Rules rules;
    private final DiffOptions options;
    private final RefResolver.Located base;
    private final RefResolver.Located revision;
    private final List<SchemaChange> changes = new ArrayList<>();
    // A change reachable along many property paths (a component used all over a graph of schemas) is kept
    // once, at the first path found: otherwise the lists grow with the number of paths, not of changes.
    // Kept at the preferred path (SchemaChange.PREFERRED_PATH), whatever order the properties are visited in, so
    // that key order does not move a change (and its fingerprint).
    private final Map<Target, Integer> seen = new HashMap<>();

    private record Target(String ruleId, String basePointer, String revisionPointer, String message) {
        static Target of(SchemaChange change) {
            return new Target(change.ruleId(), change.basePointer(), change.revisionPointer(), change.message());
        }
    }

    SchemaChanges(SchemaScope scope, boolean nested, Rules rules, DiffOptions options, RefResolver.Located base,
                  RefResolver.Located revision) {
        this.options = options;
        this.scope = scope;
        this.nested = nested;
        this.rules = rules;
        this.base = base;
        this.revision = revision;
    }

    SchemaScope scope() {
        return scope;
    }

    boolean nested() {
        return nested;
    }

    DiffOptions options() {
        return options;
    }

    Rules rules() {
        return rules;
    }

    JsonNode base() {
        return base.node();
    }

    JsonNode revision() {
        return revision.node();
    }

    RefResolver.Located baseLocated() {
        return base;
    }

    RefResolver.Located revisionLocated() {
        return revision;
    }

    /** Records a change of this schema, if oasdiff has a rule for it at this place. */
    void emit(String suffix, String keyword, String message, Map<String, Object> details) {
        String id = scope.ruleId(suffix, nested, rules);
        if (id != null) {
            add(new SchemaChange(id, at(base, keyword), at(revision, keyword), "", message, details));
        }
    }

    void emit(String suffix, String keyword, String message) {
        emit(suffix, keyword, message, Map.of());
    }

    /** Records a change under a full rule id, for a named property of this schema. */
    void emitProperty(String ruleId, String property, String basePointer, String revisionPointer, String message,
                      Map<String, Object> details) {
        if (rules.contains(ruleId)) {
            add(new SchemaChange(ruleId, basePointer, revisionPointer, property, message, details));
        }
    }

    /** Adds the changes of a sub-schema, placing them under {@code path} ("" keeps them at this schema). */
    void addAll(List<SchemaChange> child, String path) {
        for (SchemaChange change : child) {
            add(path.isEmpty() ? change : change.under(path));
        }
    }

    private void add(SchemaChange change) {
        Integer known = seen.putIfAbsent(Target.of(change), changes.size());
        if (known == null) {
            changes.add(change);
        } else if (SchemaChange.PREFERRED_PATH.compare(change.path(), changes.get(known).path()) < 0) {
            changes.set(known, change);
        }
    }

    List<SchemaChange> result() {
        return changes.isEmpty() ? List.of() : List.copyOf(changes);
    }

    static String at(RefResolver.Located located, String keyword) {
        if (located.pointer() == null) {
            return null;
        }
        return keyword == null ? located.pointer() : located.pointer() + "/" + Pointers.escape(keyword);
    }
}
