package dev.covenant.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites document schemas (Swagger 2.0, OpenAPI 3.0 or 3.1) into JSON Schema 2020-12 for one direction.
 *
 * <ul>
 *   <li>3.0: {@code nullable} becomes a {@code "null"} type, boolean {@code exclusiveMinimum/Maximum} become
 *       numbers, {@code $ref} siblings are ignored as 3.0 says.</li>
 *   <li>Requests: {@code readOnly} properties are not required. Responses: {@code writeOnly} properties are
 *       dropped, {@code required} next to {@code properties} is dropped (a consumer need not mention fields it
 *       does not use), and objects are closed with {@code unevaluatedProperties: false} so a consumer can only
 *       rely on declared fields ({@link #closable}). Branches of {@code allOf} (and what they contain) stay open:
 *       the enclosing schema closes over them; alternatives of {@code oneOf}/{@code anyOf} are closed again.</li>
 *   <li>{@code discriminator} selects the branch by the tag value (explicit mapping, schema name or const).</li>
 *   <li>Only local references survive, moved under {@code #/x-refs/}; a reference that does not resolve
 *       becomes {@code {}} (anything), as the comparator tolerates broken documents. No schema is ever
 *       fetched: nothing here or in the validator configuration can name a remote resource.</li>
 * </ul>
 */
final class SchemaTransformer {

    enum Direction { REQUEST, RESPONSE }

    static final String REFS = "x-refs";
    /** Marks the enum that checks a discriminator's tag, so its failure can be reported as the comparator does. */
    static final String DISCRIMINATOR_TAG = "x-covenant-discriminator-tag";

    private static final Set<String> VALUE_KEYWORDS = Set.of("type", "enum", "const", "multipleOf", "maximum",
            "minimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxProperties",
            "minProperties", "required", "dependentRequired", "format", "maxContains", "minContains");
    private static final Set<String> SCHEMA_KEYWORDS = Set.of("not", "if", "then", "else", "contains",
            "propertyNames", "unevaluatedItems", "unevaluatedProperties", "additionalItems");
    private static final Set<String> CONDITIONAL_KEYWORDS = Set.of("not", "if", "then", "else");
    private static final Set<String> SCHEMA_MAP_KEYWORDS = Set.of("properties", "patternProperties",
            "dependentSchemas");

    private final JsonNode document;
    private final boolean openApi30;
    private final Direction direction;
    private final ObjectNode refs = Trees.J3.objectNode();
    private final Map<String, String> keys = new HashMap<>();
    private final Map<String, String> origins = new HashMap<>();

    SchemaTransformer(JsonNode document, Direction direction) {
        this.document = document;
        this.openApi30 = !document.path("openapi").asText("").startsWith("3.1");
        this.direction = direction;
    }

    /** The shared container of referenced schemas; every validation root points at it. */
    ObjectNode refs() {
        return refs;
    }

    /** The document pointer a {@code x-refs} key was made from. */
    String origin(String key) {
        return origins.get(key);
    }

    synchronized tools.jackson.databind.JsonNode transform(JsonNode schema) {
        return schema(schema, false);
    }

    private tools.jackson.databind.JsonNode schema(JsonNode schema, boolean open) {
        if (schema == null || schema.isMissingNode() || schema.isNull()) {
            return Trees.J3.objectNode();
        }
        if (schema.isBoolean()) {
            return Trees.J3.booleanNode(schema.booleanValue());
        }
        if (!schema.isObject()) {
            return Trees.J3.objectNode();
        }
        ObjectNode out = Trees.J3.objectNode();
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual()) {
            out.put("$ref", reference(ref.asText(), open));
            if (openApi30 || out.get("$ref").asText().isEmpty()) {
                return out.get("$ref").asText().isEmpty() ? Trees.J3.objectNode() : out;
            }
        }
        List<String> notRequired = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            keyword(field.getKey(), field.getValue(), out, open, notRequired);
        }
        exclusiveBounds(schema, out);
        required(schema, out, notRequired);
        discriminator(schema, out);
        if (direction == Direction.RESPONSE && !open && closable(schema)) {
            out.put("unevaluatedProperties", false);
        }
        return nullable(schema, out);
    }

    /**
     * Which response schemas a consumer may not add fields to: exactly {@code type: object} (not nullable, no
     * {@code additionalProperties} of its own). Measured against openapi-pact-comparator 2.3.1: a schema with
     * {@code properties} but no {@code type}, or a nullable object, stays open there too.
     */
    private static boolean closable(JsonNode schema) {
        return schema.path("type").asText("").equals("object") && !schema.path("nullable").asBoolean(false)
                && !schema.has("additionalProperties") && !schema.has("unevaluatedProperties");
    }

    private void keyword(String name, JsonNode value, ObjectNode out, boolean open, List<String> notRequired) {
        if (VALUE_KEYWORDS.contains(name)) {
            if (name.equals("type") && value.isTextual() && value.asText().equals("file")) {
                return; // Swagger 2.0 file uploads: nothing JSON Schema can say
            }
            if (!name.equals("required")) {
                out.set(name, Trees.copy(value));
            }
        } else if (SCHEMA_KEYWORDS.contains(name)) {
            // conditions and branches applied to the same object are closed by the enclosing schema, not alone
            out.set(name, schema(value, open || CONDITIONAL_KEYWORDS.contains(name)));
        } else if (SCHEMA_MAP_KEYWORDS.contains(name) && value.isObject()) {
            ObjectNode map = out.putObject(name);
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                JsonNode resolved = Refs.resolve(document, property.getValue(), "").node();
                boolean readOnly = resolved.path("readOnly").asBoolean(false);
                boolean writeOnly = resolved.path("writeOnly").asBoolean(false);
                if (name.equals("properties") && direction == Direction.RESPONSE && writeOnly) {
                    notRequired.add(property.getKey());
                    continue;
                }
                if (name.equals("properties") && direction == Direction.REQUEST && readOnly) {
                    notRequired.add(property.getKey());
                }
                map.set(property.getKey(), schema(property.getValue(), open));
            }
        } else if (name.equals("additionalProperties")) {
            out.set(name, value.isBoolean() ? Trees.J3.booleanNode(value.booleanValue()) : schema(value, open));
        } else if (name.equals("items")) {
            if (value.isArray()) {
                out.set("prefixItems", schemas(value, open));
            } else {
                out.set("items", schema(value, open));
            }
        } else if (name.equals("prefixItems")) {
            out.set(name, schemas(value, open));
        } else if (name.equals("allOf")) {
            out.set(name, schemas(value, true));
        } else if ((name.equals("anyOf") || name.equals("oneOf")) && value.isArray()) {
            // each alternative is a whole object again, closed even inside an allOf (as the comparator does):
            // otherwise alternatives told apart only by their fields would all match
            out.set(name, schemas(value, false));
        } else if (name.equals("exclusiveMinimum") || name.equals("exclusiveMaximum")) {
            if (value.isNumber()) {
                out.set(name, Trees.copy(value));
            }
        }
    }

    private ArrayNode schemas(JsonNode list, boolean open) {
        ArrayNode array = Trees.J3.arrayNode();
        if (list.isArray()) {
            list.forEach(item -> array.add(schema(item, open)));
        }
        return array;
    }

    /** 3.0 booleans: {@code minimum: 10, exclusiveMinimum: true} is 2020-12's {@code exclusiveMinimum: 10}. */
    private static void exclusiveBounds(JsonNode schema, ObjectNode out) {
        for (String bound : List.of("Minimum", "Maximum")) {
            JsonNode flag = schema.get("exclusive" + bound);
            JsonNode limit = schema.get(bound.toLowerCase(java.util.Locale.ROOT));
            if (flag != null && flag.isBoolean() && flag.booleanValue() && limit != null && limit.isNumber()) {
                out.remove(bound.toLowerCase(java.util.Locale.ROOT));
                out.set("exclusive" + bound, Trees.copy(limit));
            }
        }
    }

    private void required(JsonNode schema, ObjectNode out, List<String> notRequired) {
        JsonNode required = schema.get("required");
        if (required == null || !required.isArray()) {
            return;
        }
        if (direction == Direction.RESPONSE && schema.has("properties")) {
            return;
        }
        ArrayNode kept = Trees.J3.arrayNode();
        required.forEach(name -> {
            if (!notRequired.contains(name.asText())) {
                kept.add(name.asText());
            }
        });
        out.set("required", kept);
    }

    private tools.jackson.databind.JsonNode nullable(JsonNode schema, ObjectNode out) {
        if (!openApi30 || !schema.path("nullable").asBoolean(false)) {
            return out;
        }
        if (out.has("enum") && out.get("enum").isArray()) {
            ((ArrayNode) out.get("enum")).addNull();
        }
        tools.jackson.databind.JsonNode type = out.get("type");
        if (type != null && type.isString()) {
            out.set("type", Trees.J3.arrayNode().add(type.asString()).add("null"));
            return out;
        }
        ObjectNode wrapper = Trees.J3.objectNode();
        wrapper.putArray("anyOf").add(Trees.J3.objectNode().put("type", "null")).add(out);
        return wrapper;
    }

    /**
     * {@code oneOf}/{@code anyOf} with a discriminator: the tag must name a branch, and only that branch is
     * checked — as OpenAPI intends and as Ajv's discriminator does — instead of "exactly one branch matches".
     */
    private void discriminator(JsonNode schema, ObjectNode out) {
        String tag = schema.path("discriminator").path("propertyName").asText("");
        String branchesKeyword = schema.has("oneOf") ? "oneOf" : schema.has("anyOf") ? "anyOf" : null;
        if (tag.isEmpty() || branchesKeyword == null || !schema.get(branchesKeyword).isArray()) {
            return;
        }
        Map<String, JsonNode> branches = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("discriminator").path("mapping").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String ref = entry.getValue().asText();
            branches.put(entry.getKey(), Trees.ref(ref.startsWith("#") ? ref : "#/components/schemas/" + ref));
        }
        for (JsonNode branch : schema.get(branchesKeyword)) {
            if (branch.path("$ref").isTextual()) {
                String ref = branch.get("$ref").asText();
                branches.putIfAbsent(ref.substring(ref.lastIndexOf('/') + 1), branch);
            }
            JsonNode property = Refs.resolve(document, Refs.resolve(document, branch, "").node()
                    .path("properties").path(tag), "").node();
            if (property.path("const").isValueNode()) {
                branches.putIfAbsent(property.get("const").asText(), branch);
            }
            property.path("enum").forEach(value -> branches.putIfAbsent(value.asText(), branch));
        }
        JsonNode original = schema.get(branchesKeyword);
        out.remove(branchesKeyword);
        ArrayNode allOf = out.has("allOf") ? (ArrayNode) out.get("allOf") : out.putArray("allOf");
        // a discriminator only speaks about objects; anything else must still match the alternatives
        ObjectNode nonObjects = allOf.addObject();
        ArrayNode either = nonObjects.putArray("anyOf");
        either.addObject().put("type", "object");
        either.addObject().set(branchesKeyword, schemas(original, false));
        ObjectNode tagRule = Trees.J3.objectNode();
        ObjectNode tagSchema = tagRule.putObject("properties").putObject(tag);
        tagSchema.put(DISCRIMINATOR_TAG, tag);
        ArrayNode values = tagSchema.putArray("enum");
        branches.keySet().forEach(values::add);
        tagRule.putArray("required").add(tag);
        allOf.add(tagRule);
        for (Map.Entry<String, JsonNode> branch : branches.entrySet()) {
            ObjectNode conditional = Trees.J3.objectNode();
            ObjectNode condition = conditional.putObject("if");
            condition.put("type", "object");
            condition.putObject("properties").putObject(tag).put("const", branch.getKey());
            condition.putArray("required").add(tag);
            conditional.set("then", schema(branch.getValue(), false));
            allOf.add(conditional);
        }
    }

    /** Moves a local reference under {@code x-refs} (transforming its target once); "" when it cannot resolve. */
    private String reference(String ref, boolean open) {
        String pointer = Refs.pointerOf(ref);
        if (pointer == null || document.at(pointer).isMissingNode()) {
            return "";
        }
        String variant = (open ? "o" : "c") + pointer;
        String key = keys.get(variant);
        if (key == null) {
            key = "r" + keys.size();
            keys.put(variant, key);
            origins.put(key, pointer);
            refs.set(key, Trees.J3.objectNode()); // placeholder first: cycles resolve to the same key
            refs.set(key, schema(document.at(pointer), open));
        }
        return "#/" + REFS + "/" + key;
    }
}
