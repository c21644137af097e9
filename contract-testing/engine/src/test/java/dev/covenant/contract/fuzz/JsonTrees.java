package dev.covenant.contract.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * JSON trees built from the fuzzer's bytes, biased towards the member names and values a format knows, so that
 * the mutations the fuzzer keeps (those reaching new code) get deep into the reader of that format.
 */
final class JsonTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FuzzedDataProvider data;
    private final List<String> keys;
    private final List<String> values;

    JsonTrees(FuzzedDataProvider data, List<String> keys, List<String> values) {
        this.data = data;
        this.keys = keys;
        this.values = values;
    }

    /** A node at most {@code depth} containers deep; mostly objects, whose members are mostly known names. */
    JsonNode node(int depth) {
        int kind = depth == 0 ? data.consumeInt(0, 2) : data.consumeInt(0, 8);
        return switch (kind) {
            case 0 -> scalar();
            case 1 -> NODES.textNode(data.pickValue(values));
            case 2 -> NODES.textNode(data.pickValue(keys));
            case 3, 4 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = data.consumeInt(0, 3); i > 0 && data.remainingBytes() > 0; i--) {
                    array.add(node(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = data.consumeInt(0, 5); i > 0 && data.remainingBytes() > 0; i--) {
                    String key = data.consumeBoolean() ? data.pickValue(keys) : data.consumeString(8);
                    object.set(key, node(depth - 1));
                }
                yield object;
            }
        };
    }

    private JsonNode scalar() {
        return switch (data.consumeInt(0, 5)) {
            case 0 -> NODES.textNode(data.consumeString(20));
            case 1 -> NODES.numberNode(data.consumeInt());
            case 2 -> NODES.numberNode(data.consumeDouble());
            case 3 -> NODES.booleanNode(data.consumeBoolean());
            case 4 -> NODES.numberNode(data.consumeLong());
            default -> NODES.nullNode();
        };
    }
}
