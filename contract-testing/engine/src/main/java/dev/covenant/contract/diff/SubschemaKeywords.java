package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.Pointers;
import java.util.Map;

/**
 * Keywords that hold sub-schemas (items, additionalProperties, not, the 2020-12 applicators): their
 * appearance or disappearance is a change of its own, and shared ones are compared in depth.
 */
final class SubschemaKeywords {

    /** keyword, rule suffix for its presence (null when oasdiff has none). */
    private static final String[][] SINGLE = {
            {"items", null},
            {"additionalProperties", null},
            {"not", null},
            {"if", "if"},
            {"then", "then"},
            {"else", "else"},
            {"contains", "contains"},
            {"propertyNames", "property-names"},
            {"contentSchema", "content-schema"},
            {"unevaluatedItems", "unevaluated-items"},
            {"unevaluatedProperties", "unevaluated-properties"},
    };

    private SubschemaKeywords() {
    }

    static void compare(SchemaDiff diff, SchemaChanges c) {
        for (String[] keyword : SINGLE) {
            single(diff, c, keyword[0], keyword[1]);
        }
        prefixItems(diff, c);
        keyed(diff, c, "patternProperties", "pattern-property");
        keyed(diff, c, "dependentSchemas", "dependent-schema");
    }

    private static void single(SchemaDiff diff, SchemaChanges c, String keyword, String suffix) {
        JsonNode from = c.base().get(keyword);
        JsonNode to = c.revision().get(keyword);
        if (from == null && to == null) {
            return;
        }
        if (suffix != null && from == null) {
            c.emit(suffix + "-added", keyword, keyword + " was added");
        } else if (suffix != null && to == null) {
            c.emit(suffix + "-removed", keyword, keyword + " was removed");
        }
        if (from != null && to != null) {
            // oasdiff reports the items of a parameter array as constraints of the parameter itself
            boolean nested = !(keyword.equals("items") && c.scope().isParameter()) || c.nested();
            c.addAll(diff.compare(c.scope(), nested, located(c.baseLocated(), from, keyword),
                    located(c.revisionLocated(), to, keyword)), keyword);
        }
    }

    private static void prefixItems(SchemaDiff diff, SchemaChanges c) {
        JsonNode from = c.base().path("prefixItems");
        JsonNode to = c.revision().path("prefixItems");
        if (to.size() > from.size()) {
            c.emit("prefix-items-added", "prefixItems", "prefixItems were added");
        } else if (to.size() < from.size()) {
            c.emit("prefix-items-removed", "prefixItems", "prefixItems were removed");
        }
        for (int i = 0; i < Math.min(from.size(), to.size()); i++) {
            String key = "prefixItems/" + i;
            c.addAll(diff.compare(c.scope(), true, located(c.baseLocated(), from.get(i), key),
                    located(c.revisionLocated(), to.get(i), key)), key);
        }
    }

    private static void keyed(SchemaDiff diff, SchemaChanges c, String keyword, String suffix) {
        JsonNode from = c.base().path(keyword);
        JsonNode to = c.revision().path(keyword);
        for (var fields = from.fields(); fields.hasNext(); ) {
            var field = fields.next();
            JsonNode now = to.get(field.getKey());
            if (now == null) {
                c.emit(suffix + "-removed", keyword, keyword + " " + field.getKey() + " was removed",
                        Map.of("key", field.getKey()));
            } else {
                String key = keyword + "/" + Pointers.escape(field.getKey());
                c.addAll(diff.compare(c.scope(), true, located(c.baseLocated(), field.getValue(), key),
                        located(c.revisionLocated(), now, key)), key);
            }
        }
        for (var names = to.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!from.has(name)) {
                c.emit(suffix + "-added", keyword, keyword + " " + name + " was added", Map.of("key", name));
            }
        }
    }

    private static RefResolver.Located located(RefResolver.Located owner, JsonNode node, String path) {
        return new RefResolver.Located(node, owner.pointer() == null ? null : owner.pointer() + "/" + path);
    }
}
