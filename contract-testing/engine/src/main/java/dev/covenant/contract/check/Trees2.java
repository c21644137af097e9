package dev.covenant.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Small Jackson 2 node builders. */
final class Trees2 {

    private Trees2() {
    }

    static JsonNode ref(String ref) {
        return JsonNodeFactory.instance.objectNode().put("$ref", ref);
    }
}
