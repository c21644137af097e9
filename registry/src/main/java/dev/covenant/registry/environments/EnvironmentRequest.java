package dev.covenant.registry.environments;

import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A validated body of {@code POST /environments} or {@code PUT /environments/{uuid}}; the rules and messages
 * are the Pact Broker's (name required and without spaces, production required, contacts need a name).
 */
record EnvironmentRequest(String name, String displayName, boolean production, List<Environment.Contact> contacts) {

    private static final int MAX_DETAILS_DEPTH = 8;

    static EnvironmentRequest parse(JsonNode body, JsonMapper json) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String name = name(body.get("name"), errors);
        String displayName = optionalText(body.get("displayName"), "displayName", errors);
        Boolean production = production(body.get("production"), errors);
        List<Environment.Contact> contacts = contacts(body.get("contacts"), json, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new EnvironmentRequest(name, displayName, production, contacts);
    }

    /** The Pact Broker's derived display name: "pre-production" → "Pre Production". */
    static String displayNameOf(String name) {
        StringBuilder result = new StringBuilder();
        for (String word : name.split("[-_ ]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!result.isEmpty()) {
                result.append(' ');
            }
            result.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return result.isEmpty() ? name : result.toString();
    }

    private static String name(JsonNode node, Map<String, List<String>> errors) {
        if (node == null || node.isNull()) {
            errors.put("name", List.of("name is missing"));
            return null;
        }
        if (!node.isString()) {
            errors.put("name", List.of("name must be a string"));
            return null;
        }
        String name = node.asString();
        try {
            Names.require("name", name);
        } catch (InvalidRequestException e) {
            errors.putAll(e.errors());
            return null;
        }
        if (name.chars().anyMatch(Character::isWhitespace)) {
            errors.put("name", List.of("name cannot contain spaces"));
            return null;
        }
        return name;
    }

    private static String optionalText(JsonNode node, String field, Map<String, List<String>> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            errors.put(field, List.of(field + " must be a string"));
            return null;
        }
        String text = node.asString();
        if (text.length() > 255 || text.chars().anyMatch(Character::isISOControl)) {
            errors.put(field, List.of(field + " must be a single line of at most 255 characters"));
            return null;
        }
        return text;
    }

    private static Boolean production(JsonNode node, Map<String, List<String>> errors) {
        if (node == null || node.isNull()) {
            errors.put("production", List.of("production is missing"));
            return false;
        }
        if (!node.isBoolean()) {
            errors.put("production", List.of("production must be true or false"));
            return false;
        }
        return node.asBoolean();
    }

    /** Free-form details are stored as they are, within what every MongoDB can hold. */
    private static boolean storable(JsonNode node, int depth) {
        if (depth > MAX_DETAILS_DEPTH) {
            return false;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong();
        }
        for (JsonNode child : node.values()) {
            if (!storable(child, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static List<Environment.Contact> contacts(JsonNode node, JsonMapper json, Map<String, List<String>> errors) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.put("contacts", List.of("contacts must be an array"));
            return List.of();
        }
        List<Environment.Contact> contacts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int index = 0; index < node.size(); index++) {
            JsonNode contact = node.get(index);
            JsonNode name = contact.isObject() ? contact.get("name") : null;
            JsonNode details = contact.isObject() ? contact.get("details") : null;
            if (name == null || !name.isString() || name.asString().isBlank()) {
                problems.add("name is missing at index " + index);
            } else if (details != null && !details.isNull() && !details.isObject()) {
                problems.add("details must be a hash at index " + index);
            } else if (details != null && !storable(details, 1)) {
                problems.add("details are nested too deeply or hold a number too large at index " + index);
            } else {
                Map<String, Object> values = details == null || details.isNull() ? null
                        : json.convertValue(details, Map.class);
                contacts.add(new Environment.Contact(name.asString(), values));
            }
        }
        if (!problems.isEmpty()) {
            errors.put("contacts", problems);
        }
        return contacts;
    }
}
