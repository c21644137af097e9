package dev.covenant.contract.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Builds one instance of a schema, deterministically: the same schema always gives the same value. Honours types,
 * formats, enums, {@code const}, required properties, numeric bounds, lengths, simple patterns,
 * {@code readOnly}/{@code writeOnly} (by direction), {@code allOf} (merged), {@code oneOf}/{@code anyOf} (first
 * branch, discriminator set), and stops recursion at a fixed depth by leaving optional properties out.
 *
 * <p>With {@code useExamples}, a schema's own {@code example}/{@code examples}/{@code default} wins; documents'
 * examples are sometimes wrong, so callers validate and retry without them.
 */
public final class InstanceGenerator {

    /** Which side of the exchange the value is for: responses omit writeOnly, requests omit readOnly. */
    public enum Direction { REQUEST, RESPONSE }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 12;
    private static final int OPTIONAL_DEPTH = 4;
    private static final int MAX_REF_HOPS = 32;

    private final JsonNode document;
    private final Direction direction;
    private final boolean useExamples;
    private final boolean optionals;
    private final int branch;

    public InstanceGenerator(JsonNode document, Direction direction, boolean useExamples) {
        this(document, direction, useExamples, true, 0);
    }

    /**
     * A generator variant: {@code optionals} false leaves every optional property out; {@code branch} picks the
     * n-th {@code oneOf}/{@code anyOf} branch (modulo their number), so callers can try alternatives.
     */
    public InstanceGenerator(JsonNode document, Direction direction, boolean useExamples, boolean optionals,
                             int branch) {
        this.document = document;
        this.direction = direction;
        this.useExamples = useExamples;
        this.optionals = optionals;
        this.branch = branch;
    }

    /** An instance of {@code schema}; a missing schema gives an empty object. */
    public JsonNode generate(JsonNode schema) {
        return generate(schema, 0, new LinkedHashSet<>());
    }

    private JsonNode generate(JsonNode raw, int depth, Set<String> refsOnPath) {
        String ref = refOf(raw);
        JsonNode schema = resolve(raw);
        if (schema == null || !schema.isObject()) {
            return raw != null && raw.isBoolean() && !raw.asBoolean() ? JSON.nullNode() : JSON.objectNode();
        }
        boolean added = ref != null && refsOnPath.add(ref);
        if (ref != null && !added && depth > OPTIONAL_DEPTH || depth > MAX_DEPTH) {
            return minimal(schema); // recursion: stop once optional properties are no longer filled in
        }
        try {
            return instance(schema, depth, refsOnPath);
        } finally {
            if (added) {
                refsOnPath.remove(ref);
            }
        }
    }

    private JsonNode instance(JsonNode schema, int depth, Set<String> refsOnPath) {
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            for (JsonNode value : schema.get("enum")) {
                if (!value.isNull()) {
                    return value;
                }
            }
            return schema.get("enum").get(0);
        }
        if (useExamples) {
            if (schema.has("example")) {
                return schema.get("example");
            }
            if (schema.path("examples").isArray() && !schema.path("examples").isEmpty()) {
                return schema.get("examples").get(0);
            }
            if (schema.has("default")) {
                return schema.get("default");
            }
        }
        if (schema.path("allOf").isArray() && !schema.path("allOf").isEmpty()) {
            return generate(merge(schema), depth, refsOnPath);
        }
        for (String keyword : List.of("oneOf", "anyOf")) {
            JsonNode branches = schema.path(keyword);
            if (branches.isArray() && !branches.isEmpty()) {
                return branch(schema, branches, depth, refsOnPath);
            }
        }
        return switch (type(schema)) {
            case "null" -> JSON.nullNode();
            case "boolean" -> JSON.booleanNode(true);
            case "integer" -> JSON.numberNode(number(schema, true).toBigInteger());
            case "number" -> JSON.numberNode(number(schema, false));
            case "string" -> JSON.textNode(string(schema));
            case "array" -> array(schema, depth, refsOnPath);
            case "object" -> object(schema, depth, refsOnPath);
            default -> JSON.objectNode();
        };
    }

    /** The first branch, with the discriminator's property set to the name that selects it. */
    private JsonNode branch(JsonNode schema, JsonNode branches, int depth, Set<String> refsOnPath) {
        JsonNode first = branches.get(branch % branches.size());
        JsonNode value = generate(first, depth + 1, refsOnPath);
        String property = schema.path("discriminator").path("propertyName").asText(null);
        if (property != null && value instanceof ObjectNode object) {
            String ref = refOf(first);
            String tag = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("discriminator").path("mapping").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> mapping = it.next();
                if (ref != null && ref.equals(mapping.getValue().asText())) {
                    tag = mapping.getKey();
                }
            }
            if (tag == null && ref != null) {
                tag = ref.substring(ref.lastIndexOf('/') + 1);
            }
            JsonNode declared = flatten(first, 0).path("properties").path(property);
            if (tag != null && !declared.has("enum") && !declared.has("const")) {
                object.put(property, tag);
            }
        }
        return value;
    }

    /** {@code allOf} folded into one schema: properties and required lists joined, other keywords first wins. */
    private JsonNode merge(JsonNode schema) {
        ObjectNode merged = JSON.objectNode();
        ObjectNode properties = JSON.objectNode();
        Set<String> required = new LinkedHashSet<>();
        List<JsonNode> parts = new ArrayList<>();
        ObjectNode own = schema.deepCopy();
        own.remove("allOf");
        parts.add(own);
        schema.get("allOf").forEach(part -> parts.add(flatten(part, 0)));
        for (JsonNode part : parts) {
            for (Iterator<Map.Entry<String, JsonNode>> it = part.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                switch (field.getKey()) {
                    case "properties" -> field.getValue().fields().forEachRemaining(p -> {
                        if (!properties.has(p.getKey())) {
                            properties.set(p.getKey(), p.getValue());
                        }
                    });
                    case "required" -> field.getValue().forEach(r -> required.add(r.asText()));
                    default -> {
                        if (!merged.has(field.getKey())) {
                            merged.set(field.getKey(), field.getValue());
                        }
                    }
                }
            }
        }
        if (!properties.isEmpty()) {
            merged.set("properties", properties);
            if (!merged.has("type")) {
                merged.put("type", "object");
            }
        }
        if (!required.isEmpty()) {
            ArrayNode list = merged.putArray("required");
            required.forEach(list::add);
        }
        return merged;
    }

    private JsonNode flatten(JsonNode part, int depth) {
        JsonNode resolved = resolve(part);
        if (resolved == null || !resolved.isObject()) {
            return JSON.objectNode();
        }
        if (resolved.path("allOf").isArray() && depth < MAX_REF_HOPS) {
            ObjectNode copy = resolved.deepCopy();
            copy.setAll((ObjectNode) merge(resolved));
            copy.remove("allOf");
            return copy;
        }
        return resolved;
    }

    private JsonNode array(JsonNode schema, int depth, Set<String> refsOnPath) {
        ArrayNode array = JSON.arrayNode();
        int min = schema.path("minItems").asInt(0);
        int max = schema.path("maxItems").asInt(Integer.MAX_VALUE);
        int count = Math.min(Math.max(min, depth > OPTIONAL_DEPTH ? 0 : 1), max);
        for (int i = 0; i < count; i++) {
            array.add(generate(schema.path("items"), depth + 1, refsOnPath));
        }
        return array;
    }

    private JsonNode object(JsonNode schema, int depth, Set<String> refsOnPath) {
        ObjectNode object = JSON.objectNode();
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            boolean needed = required.contains(property.getKey());
            if (hidden(property.getValue())) {
                required.remove(property.getKey()); // required applies to the other direction only
                continue;
            }
            if (!needed && (!optionals || depth >= OPTIONAL_DEPTH)) {
                continue;
            }
            object.set(property.getKey(), generate(property.getValue(), depth + 1, refsOnPath));
        }
        for (String name : required) {
            if (!object.has(name)) {
                JsonNode additional = schema.get("additionalProperties");
                object.set(name, additional != null && additional.isObject()
                        ? generate(additional, depth + 1, refsOnPath) : JSON.textNode(name));
            }
        }
        return object;
    }

    /** writeOnly properties are absent from responses, readOnly ones from requests. */
    private boolean hidden(JsonNode property) {
        JsonNode resolved = resolve(property);
        if (resolved == null) {
            return false;
        }
        return direction == Direction.RESPONSE ? resolved.path("writeOnly").asBoolean(false)
                : resolved.path("readOnly").asBoolean(false);
    }

    private static BigDecimal number(JsonNode schema, boolean integer) {
        BigDecimal low = bound(schema, "minimum", "exclusiveMinimum", true, integer);
        BigDecimal high = bound(schema, "maximum", "exclusiveMaximum", false, integer);
        BigDecimal value = low != null ? low : high != null ? high.min(BigDecimal.ONE).min(high) : BigDecimal.ONE;
        if (low != null && high != null && low.compareTo(high) > 0) {
            value = low;
        }
        JsonNode multipleOf = schema.get("multipleOf");
        if (multipleOf != null && multipleOf.isNumber() && multipleOf.decimalValue().signum() > 0) {
            BigDecimal step = multipleOf.decimalValue();
            value = value.divide(step, 0, RoundingMode.CEILING).multiply(step);
            if (high != null && value.compareTo(high) > 0) {
                value = value.subtract(step);
            }
        }
        return integer ? value.setScale(0, RoundingMode.CEILING) : value;
    }

    /** The smallest (or largest) admitted value, in OpenAPI 3.0 (boolean exclusive) or 3.1 (numeric) form. */
    private static BigDecimal bound(JsonNode schema, String inclusive, String exclusive, boolean lower, boolean integer) {
        BigDecimal step = integer ? BigDecimal.ONE : new BigDecimal("0.5");
        BigDecimal result = null;
        JsonNode excl = schema.get(exclusive);
        if (excl != null && excl.isNumber()) {
            result = lower ? excl.decimalValue().add(step) : excl.decimalValue().subtract(step);
        }
        JsonNode incl = schema.get(inclusive);
        if (incl != null && incl.isNumber()) {
            BigDecimal value = incl.decimalValue();
            if (excl != null && excl.asBoolean(false) && excl.isBoolean()) {
                value = lower ? value.add(step) : value.subtract(step);
            }
            result = result == null ? value : lower ? result.max(value) : result.min(value);
        }
        if (result != null && integer) {
            result = lower ? result.setScale(0, RoundingMode.CEILING) : result.setScale(0, RoundingMode.FLOOR);
        }
        return result;
    }

    private static String string(JsonNode schema) {
        String format = schema.path("format").asText("");
        String value = switch (format) {
            case "date-time" -> "2024-01-01T00:00:00Z";
            case "date" -> "2024-01-01";
            case "time" -> "00:00:00Z";
            case "duration" -> "P1D";
            case "email", "idn-email" -> "user@example.com";
            case "uuid" -> UUID.nameUUIDFromBytes(schema.toString().getBytes(StandardCharsets.UTF_8)).toString();
            case "uri", "url", "iri" -> "https://example.com/";
            case "uri-reference", "iri-reference" -> "/example";
            case "hostname", "idn-hostname" -> "example.com";
            case "ipv4" -> "192.0.2.1";
            case "ipv6" -> "2001:db8::1";
            case "byte" -> "c3R1Yg==";
            case "int32", "int64" -> "1";
            default -> null;
        };
        String pattern = schema.path("pattern").asText(null);
        if (pattern != null && (value == null || !PatternStrings.matches(pattern, value))) {
            String sample = PatternStrings.sample(pattern);
            value = sample != null ? sample : value; // a pattern contradicting the format: the pattern wins
        }
        if (value == null) {
            value = "string";
        }
        int min = schema.path("minLength").asInt(0);
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        if (value.codePointCount(0, value.length()) < min) {
            value = value + "x".repeat(min - value.codePointCount(0, value.length()));
        }
        if (value.length() > max) {
            value = value.substring(0, max);
        }
        return value;
    }

    /** The least an over-deep schema can be: null where allowed, else an empty value of its type. */
    private JsonNode minimal(JsonNode schema) {
        if (schema.path("nullable").asBoolean(false) || typeList(schema).contains("null")) {
            return JSON.nullNode();
        }
        return switch (type(schema)) {
            case "array" -> JSON.arrayNode();
            case "string" -> JSON.textNode(string(schema));
            case "integer", "number" -> JSON.numberNode(number(schema, false));
            case "boolean" -> JSON.booleanNode(true);
            default -> JSON.objectNode();
        };
    }

    private static String type(JsonNode schema) {
        List<String> types = typeList(schema);
        for (String type : types) {
            if (!type.equals("null")) {
                return type;
            }
        }
        if (!types.isEmpty()) {
            return "null";
        }
        if (schema.has("properties") || schema.has("additionalProperties") || schema.has("required")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        if (schema.has("pattern") || schema.has("format") || schema.has("minLength") || schema.has("maxLength")) {
            return "string";
        }
        if (schema.has("minimum") || schema.has("maximum")) {
            return "number";
        }
        return "";
    }

    private static List<String> typeList(JsonNode schema) {
        JsonNode type = schema.path("type");
        List<String> types = new ArrayList<>();
        if (type.isTextual()) {
            types.add(type.asText());
        } else if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        return types;
    }

    private static String refOf(JsonNode schema) {
        return schema != null && schema.isObject() && schema.path("$ref").isTextual() ? schema.get("$ref").asText() : null;
    }

    /** Follows local references only; anything else resolves to nothing (a stub never fetches). */
    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (int hop = 0; hop < MAX_REF_HOPS; hop++) {
            String ref = refOf(current);
            if (ref == null) {
                return current;
            }
            if (!ref.startsWith("#") || seen.put(ref, true) != null) {
                return null;
            }
            JsonNode target = document.at(ref.substring(1));
            current = target.isMissingNode() ? null : target;
        }
        return null;
    }
}
