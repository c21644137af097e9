package dev.covenant.registry.environments;

import dev.covenant.registry.system.InvalidRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Request bodies of this feature: a JSON object, or nothing (read as an empty object). */
final class JsonBodies {

    static final long MAX_BODY = 64 * 1024;

    private JsonBodies() {
    }

    static JsonNode object(JsonMapper json, byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequestException("body", "is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return json.createObjectNode();
        }
        if (!node.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object");
        }
        return node;
    }

    /** A string field that may be absent or null; anything else is a 400. */
    static String optionalString(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidRequestException(field, field + " must be a string");
        }
        return value.asString();
    }

    /** A boolean field that may be absent (null); anything else is a 400. */
    static Boolean optionalBoolean(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new InvalidRequestException(field, field + " must be true or false");
        }
        return value.asBoolean();
    }
}
