package dev.covenant.registry.ui.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Local {@code $ref}s replaced by what they point at, for showing an operation as a person reads it (a change in
 * a shared schema then shows in the operation). Recursive schemas stop at the first repetition; depth is bounded.
 */
final class Refs {

    private static final int MAX_DEPTH = 12;

    private Refs() {
    }

    static JsonNode inline(JsonNode document, JsonNode node) {
        return node == null ? null : inline(document, node, new ArrayDeque<>(), 0);
    }

    private static JsonNode inline(JsonNode document, JsonNode node, Deque<String> seen, int depth) {
        if (depth > MAX_DEPTH) {
            return node;
        }
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/") && !seen.contains(ref.asText())) {
                JsonNode target = document.at(ref.asText().substring(1));
                if (!target.isMissingNode()) {
                    seen.push(ref.asText());
                    JsonNode resolved = inline(document, target, seen, depth + 1);
                    seen.pop();
                    return resolved;
                }
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), inline(document, field.getValue(), seen, depth + 1));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(inline(document, item, seen, depth + 1)));
            return copy;
        }
        return node;
    }
}
