package dev.covenant.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine's one meeting point of its two JSON libraries: copies Jackson 2 trees (how documents and pacts are
 * parsed) into Jackson 3 trees (what the JSON Schema validator reads). Copying node by node avoids a
 * serialize/parse round trip and keeps number precision. No public type of the engine exposes Jackson 3.
 */
final class Trees {

    static final JsonNodeFactory J3 = JsonNodeFactory.instance;

    private Trees() {
    }

    /** A Jackson 2 schema that is only a reference. */
    static JsonNode ref(String ref) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("$ref", ref);
    }

    static tools.jackson.databind.JsonNode copy(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return J3.missingNode();
        }
        switch (node.getNodeType()) {
            case OBJECT -> {
                ObjectNode object = J3.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    object.set(field.getKey(), copy(field.getValue()));
                }
                return object;
            }
            case ARRAY -> {
                ArrayNode array = J3.arrayNode(node.size());
                node.forEach(item -> array.add(copy(item)));
                return array;
            }
            case STRING -> {
                return J3.stringNode(node.asText());
            }
            case BOOLEAN -> {
                return J3.booleanNode(node.booleanValue());
            }
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    return node.canConvertToLong() ? J3.numberNode(node.longValue()) : J3.numberNode(node.bigIntegerValue());
                }
                if (!Double.isFinite(node.doubleValue()) && (node.isDouble() || node.isFloat())) {
                    // a double that overflowed while reading (1e999): no JSON number, so checked as the text it
                    // became, which a number schema refuses (a decimal value of it does not exist)
                    return J3.stringNode(node.asText());
                }
                return J3.numberNode(node.decimalValue());
            }
            case NULL -> {
                return J3.nullNode();
            }
            default -> {
                return J3.stringNode(node.asText());
            }
        }
    }
}
