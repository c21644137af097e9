package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.covenant.contract.openapi.Pointers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Component schemas that disappeared (their uses, if any, are reported where they are used). A schema renamed
 * with its content unchanged (every reference inside followed, renamed or not) did not disappear: nothing is
 * reported for it.
 */
final class ComponentsDiff {

    private ComponentsDiff() {
    }

    static void compare(DiffContext context) {
        JsonNode from = context.base().root().path("components").path("schemas");
        JsonNode to = context.revision().root().path("components").path("schemas");
        Map<Integer, List<String>> added = null;
        for (var names = from.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (to.has(name)) {
                continue;
            }
            if (added == null) {
                added = addedByShape(from, to);
            }
            if (renamed(context, name, from.get(name), added)) {
                continue;
            }
            context.sink().add("api-schema-removed", null, Pointers.of("components", "schemas", name), null,
                    "component schema " + name + " was removed", Map.of("schema", name));
        }
    }

    /** Whether an added schema has the removed one's content; that schema is then taken (one rename each). */
    private static boolean renamed(DiffContext context, String name, JsonNode schema, Map<Integer, List<String>> added) {
        List<String> candidates = added.get(shape(schema));
        if (candidates == null || name.indexOf('%') >= 0) {
            return false;
        }
        for (Iterator<String> it = candidates.iterator(); it.hasNext(); ) {
            String candidate = it.next();
            if (context.schemas().sameRenamed(ref(name), ref(candidate))) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** Schemas only the revision has, by {@link #shape}: only those can be the removed one renamed. */
    private static Map<Integer, List<String>> addedByShape(JsonNode from, JsonNode to) {
        Map<Integer, List<String>> added = new HashMap<>();
        for (var names = to.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!from.has(name) && name.indexOf('%') < 0) {
                added.computeIfAbsent(shape(to.get(name)), key -> new ArrayList<>()).add(name);
            }
        }
        return added;
    }

    private static JsonNode ref(String name) {
        return JsonNodeFactory.instance.objectNode().put("$ref", "#" + Pointers.of("components", "schemas", name));
    }

    /** A hash of the content that ignores key order and where references point: equal for a renamed copy. */
    private static int shape(JsonNode node) {
        if (node.isObject()) {
            int hash = 1;
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                hash += field.getKey().hashCode() * 31
                        ^ (field.getKey().equals("$ref") && field.getValue().isTextual() ? 0 : shape(field.getValue()));
            }
            return hash;
        }
        if (node.isArray()) {
            int hash = 7;
            for (JsonNode item : node) {
                hash = hash * 31 + shape(item);
            }
            return hash;
        }
        return node.hashCode();
    }
}
