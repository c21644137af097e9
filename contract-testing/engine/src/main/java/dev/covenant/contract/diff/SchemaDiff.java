package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two schemas on the JSON tree. Every compared pair of (reference-resolved) nodes is memoized per
 * scope, so a component used by a thousand operations is compared once, and a recursive schema stops at
 * the pair already being compared.
 */
final class SchemaDiff {

    private final RefResolver base;
    private final RefResolver revision;
    private final Rules rules;
    private final Sameness sameness;
    private final DiffOptions options;
    private final Map<PairKey, List<SchemaChange>> memo = new HashMap<>();

    SchemaDiff(RefResolver base, RefResolver revision, Rules rules, Sameness sameness, DiffOptions options) {
        this.base = base;
        this.revision = revision;
        this.rules = rules;
        this.sameness = sameness;
        this.options = options;
    }

    DiffOptions options() {
        return options;
    }

    /** Whether two references name components with the same content under different names. */
    boolean sameRenamed(JsonNode from, JsonNode to) {
        return sameness.sameRenamed(from, to);
    }

    RefResolver baseResolver() {
        return base;
    }

    RefResolver revisionResolver() {
        return revision;
    }

    /** Changes from {@code from} to {@code to}; either may be a {@code $ref}. */
    List<SchemaChange> compare(SchemaScope scope, boolean nested, RefResolver.Located from, RefResolver.Located to) {
        if (sameness.sameReference(from.node(), to.node())) {
            return List.of(); // the same component, unchanged with everything it references
        }
        if (sameness.sameRenamed(from.node(), to.node())) {
            return List.of(); // a component renamed (with whatever it references), its content unchanged
        }
        RefResolver.Located b = base.resolve(from.node(), from.pointer());
        RefResolver.Located r = revision.resolve(to.node(), to.pointer());
        if (b.isMissing() || r.isMissing() || !b.node().isObject() || !r.node().isObject()) {
            return List.of();
        }
        PairKey key = new PairKey(b.node(), r.node(), scope, nested);
        List<SchemaChange> known = memo.get(key);
        if (known != null) {
            return known;
        }
        memo.put(key, List.of()); // a cycle that comes back to this pair sees no further changes
        List<SchemaChange> result = compareResolved(scope, nested, b, r);
        memo.put(key, result);
        return result;
    }

    private List<SchemaChange> compareResolved(SchemaScope scope, boolean nested, RefResolver.Located b,
                                               RefResolver.Located r) {
        SchemaChanges changes = new SchemaChanges(scope, nested, rules, options, b, r);
        boolean baseNullable = SchemaTypes.isNullable(b.node(), base);
        boolean revisionNullable = SchemaTypes.isNullable(r.node(), revision);
        // Wrapping one side in oneOf [null, X] around an equivalent X is a nullability change and nothing
        // else; when X changed too, X's changes are what is reported (as oasdiff does: one finding per level).
        // Wrapped on both sides, the members are compared as members.
        RefResolver.Located bInner = unwrapNull(b, base);
        RefResolver.Located rInner = unwrapNull(r, revision);
        if ((bInner != b) != (rInner != r)) {
            List<SchemaChange> inner = compare(scope, nested, bInner, rInner).stream()
                    .filter(c -> !(c.path().isEmpty() && c.ruleId().endsWith("nullable"))).toList();
            if (inner.isEmpty()) {
                SchemaTypes.compareNullability(changes, baseNullable, revisionNullable);
            }
            changes.addAll(inner, "");
            return changes.result();
        }
        if (CompositionDiff.isOneOfWrapping(this, b.node(), r.node())) {
            CompositionDiff.wrapped(this, changes);
            return changes.result();
        }
        SchemaTypes.compare(changes, base, revision, baseNullable, revisionNullable, b.node(), r.node());
        SchemaConstraints.compare(changes, b.node(), r.node());
        CompositionDiff.compare(this, changes);
        SubschemaKeywords.compare(this, changes);
        PropertiesDiff.compare(this, changes);
        return changes.result();
    }

    private static RefResolver.Located unwrapNull(RefResolver.Located located, RefResolver resolver) {
        JsonNode inner = SchemaTypes.nullWrapped(located.node());
        if (inner == null) {
            return located;
        }
        String keyword = located.node().has("oneOf") ? "oneOf" : "anyOf";
        int index = located.node().get(keyword).get(0) == inner ? 0 : 1;
        RefResolver.Located resolved = resolver.resolve(inner, located.pointer() == null ? null
                : located.pointer() + "/" + keyword + "/" + index);
        return resolved.isMissing() || !resolved.node().isObject() ? located : resolved;
    }

    /** Identity of a compared pair: the very nodes (not equal copies), the scope and the nesting. */
    private record PairKey(JsonNode base, JsonNode revision, SchemaScope scope, boolean nested) {
        @Override
        public boolean equals(Object other) {
            return other instanceof PairKey key && key.base == base && key.revision == revision
                    && key.nested == nested && key.scope.equals(scope);
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(base) * 31 + System.identityHashCode(revision)) * 31
                    + scope.hashCode() * 2 + (nested ? 1 : 0);
        }
    }
}
