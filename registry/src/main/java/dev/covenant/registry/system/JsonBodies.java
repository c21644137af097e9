package dev.covenant.registry.system;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading JSON request bodies into trees or maps, with the errors every endpoint answers the same way (400). */
public final class JsonBodies {

    /** The cap for small JSON request bodies (resource updates, queries). */
    public static final long MAX_BODY = 64 * 1024;

    private JsonBodies() {
    }

    /** A JSON object; an empty body or {@code null} reads as an empty object. */
    public static JsonNode object(JsonMapper json, byte[] body) {
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
    public static String optionalString(JsonNode body, String field) {
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
    public static Boolean optionalBoolean(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new InvalidRequestException(field, field + " must be true or false");
        }
        return value.asBoolean();
    }

    /** A JSON object that must have at least one member. */
    public static JsonNode nonEmptyObject(JsonMapper json, byte[] body, String what) {
        JsonNode node = object(json, body);
        if (node.isEmpty()) {
            throw new InvalidRequestException("body", "must be a JSON object with " + what);
        }
        return node;
    }

    /** The body as a plain map (numbers, strings, booleans, lists, maps), for free-form structures. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(JsonMapper json, byte[] body) {
        return json.convertValue(object(json, body), Map.class);
    }

    /** A field's text, leniently: absent or null is null, other scalars are their text. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
