package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Types and nullability of a schema in every spelling: 3.0 {@code nullable}, 2.0 {@code x-nullable},
 * 3.1 type arrays with {@code "null"}, and {@code oneOf}/{@code anyOf} lists of bare types
 * (oasdiff's "list of types").
 */
final class SchemaTypes {

    private static final Set<String> TYPE_ONLY_KEYS = Set.of("type", "description", "title", "format", "example",
            "examples", "nullable");

    private SchemaTypes() {
    }

    /** The non-null types a schema admits; empty when it says nothing about types. */
    static Set<String> types(JsonNode schema, RefResolver resolver) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = schema.get("type");
        if (type != null) {
            addTypes(type, types);
            return types;
        }
        // oneOf/anyOf whose members all declare a type: the union of those types (oasdiff's list of types)
        for (String keyword : new String[] {"oneOf", "anyOf"}) {
            JsonNode members = schema.get(keyword);
            if (members == null || !members.isArray() || members.isEmpty()) {
                continue;
            }
            Set<String> memberTypes = new LinkedHashSet<>();
            for (JsonNode member : members) {
                JsonNode memberType = resolver.resolve(member, null).node().get("type");
                if (memberType == null) {
                    return new LinkedHashSet<>();
                }
                addTypes(memberType, memberTypes);
            }
            types.addAll(memberTypes);
        }
        return types;
    }

    /** Whether {@code oneOf}/{@code anyOf} members are nothing but types, i.e. a list of types. */
    static boolean isTypeList(JsonNode members, RefResolver resolver) {
        if (members == null || !members.isArray() || members.size() < 2) {
            return false;
        }
        for (JsonNode member : members) {
            if (member.has("$ref")) {
                return false;
            }
            JsonNode type = member.get("type");
            if (type == null || !type.isTextual()) {
                return false;
            }
            for (var names = member.fieldNames(); names.hasNext(); ) {
                if (!TYPE_ONLY_KEYS.contains(names.next())) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isNullable(JsonNode schema, RefResolver resolver) {
        if (schema.path("nullable").asBoolean(false) || schema.path("x-nullable").asBoolean(false)) {
            return true;
        }
        JsonNode type = schema.get("type");
        if (type != null) {
            if (type.isTextual()) {
                return type.asText().equals("null");
            }
            for (JsonNode t : type) {
                if (t.asText().equals("null")) {
                    return true;
                }
            }
            return false;
        }
        return nullMember(schema.get("oneOf"), resolver) != null || nullMember(schema.get("anyOf"), resolver) != null;
    }

    /** The {@code {type: null}} member of a {@code oneOf}/{@code anyOf}, or null. */
    static JsonNode nullMember(JsonNode members, RefResolver resolver) {
        if (members == null || !members.isArray()) {
            return null;
        }
        for (JsonNode member : members) {
            JsonNode type = member.get("type");
            if (type != null && type.isTextual() && type.asText().equals("null")) {
                return member;
            }
        }
        return null;
    }

    /**
     * For {@code oneOf: [{type: null}, X]}, the X that is made nullable (oasdiff treats the wrapping as a
     * nullability change of X, not as a new composition), else null.
     */
    static JsonNode nullWrapped(JsonNode schema) {
        for (String keyword : new String[] {"oneOf", "anyOf"}) {
            JsonNode members = schema.get(keyword);
            if (members == null || !members.isArray() || members.size() != 2 || schema.has("type")
                    || schema.has("properties")) {
                continue;
            }
            JsonNode first = members.get(0);
            JsonNode second = members.get(1);
            if (isNullType(first)) {
                return second;
            }
            if (isNullType(second)) {
                return first;
            }
        }
        return null;
    }

    private static boolean isNullType(JsonNode member) {
        JsonNode type = member.get("type");
        return type != null && type.isTextual() && type.asText().equals("null") && member.size() <= 2;
    }

    /** Compares types, formats and nullability of a schema pair. */
    static void compare(SchemaChanges c, RefResolver baseResolver, RefResolver revisionResolver,
                        boolean baseNullable, boolean revisionNullable, JsonNode base, JsonNode revision) {
        compareNullability(c, baseNullable, revisionNullable);
        Set<String> from = types(base, baseResolver);
        Set<String> to = types(revision, revisionResolver);
        if (from.equals(to)) {
            if (base.has("type") && !revision.has("type") && (revision.has("oneOf") || revision.has("anyOf"))) {
                // the type moved into composition members: clients see an untyped schema at this level
                c.emit(c.scope().request() ? "type-generalized" : "type-changed", "type",
                        "type " + from + " moved into oneOf/anyOf members",
                        Map.of("from", String.join(",", from), "to", ""));
            }
            compareFormats(c, from, base, revision);
            return;
        }
        if (composedOfSchemas(base, baseResolver) && composedOfSchemas(revision, revisionResolver)) {
            return; // members that are schemas of their own: their changes are reported member by member
        }
        Map<String, Object> details = Map.of("from", String.join(",", from), "to", String.join(",", to));
        if (from.isEmpty()) {
            return; // adding a type to an untyped schema only documents what was already sent
        }
        if (to.isEmpty()) {
            boolean stillComposite = revision.has("oneOf") || revision.has("anyOf") || revision.has("allOf");
            if (stillComposite || revision.isEmpty()) {
                c.emit(c.scope().request() ? "type-generalized" : "type-changed", "type",
                        "type " + from + " was removed", details);
            }
            return;
        }
        if (c.scope().isParameter() && to.equals(Set.of("array")) && !from.contains("array")) {
            // a scalar parameter that may now be repeated (form/explode): safe when any string is still accepted
            c.emit(unconstrainedStringItems(revision) ? "type-generalized" : "type-changed", "type",
                    "type changed from " + from + " to an array", details);
            return;
        }
        if (from.size() > 1 || to.size() > 1 || isListOfTypes(base, baseResolver)
                || isListOfTypes(revision, revisionResolver)) {
            compareLists(c, from, to, details);
            return;
        }
        c.emit(singleTypeChange(c, from.iterator().next(), to.iterator().next(), revision), "type",
                "type changed from " + from + " to " + to, details);
    }

    static void compareNullability(SchemaChanges c, boolean baseNullable, boolean revisionNullable) {
        if (!baseNullable && revisionNullable) {
            c.emit("became-nullable", "nullable", "became nullable");
        } else if (baseNullable && !revisionNullable) {
            c.emit("became-not-nullable", "nullable", "became not nullable");
        }
    }

    /** A oneOf/anyOf without a type of its own whose members are more than bare types. */
    private static boolean composedOfSchemas(JsonNode schema, RefResolver resolver) {
        return !schema.has("type") && (schema.has("oneOf") || schema.has("anyOf"))
                && !isListOfTypes(schema, resolver);
    }

    /**
     * A oneOf/anyOf of bare types (oasdiff's list of types): members that are objects or references are
     * compared as members, and their changes reported there, not as the list widening and narrowing at once.
     */
    private static boolean isListOfTypes(JsonNode schema, RefResolver resolver) {
        return !schema.has("type") && (isTypeList(schema.get("oneOf"), resolver)
                || isTypeList(schema.get("anyOf"), resolver));
    }

    private static void compareLists(SchemaChanges c, Set<String> from, Set<String> to, Map<String, Object> details) {
        if (!to.containsAll(from)) {
            c.emit("list-of-types-narrowed", "type", "list of types narrowed from " + from + " to " + to, details);
        }
        if (!from.containsAll(to)) {
            c.emit("list-of-types-widened", "type", "list of types widened from " + from + " to " + to, details);
        }
    }

    private static String singleTypeChange(SchemaChanges c, String from, String to, JsonNode revision) {
        if (c.scope().looselyTyped()) {
            return "type-compatible";
        }
        if (from.equals("integer") && to.equals("number")) {
            return "type-generalized";
        }
        if (from.equals("number") && to.equals("integer")) {
            return "type-specialized";
        }
        if (c.scope().isParameter()) {
            // Parameters travel as strings: a string parameter that now must be numeric is narrowed,
            // and a scalar that may now be repeated (form/explode array of strings) is widened.
            if (from.equals("string") && (to.equals("number") || to.equals("integer") || to.equals("boolean"))) {
                return "type-specialized";
            }
            if (to.equals("array") && unconstrainedStringItems(revision)) {
                return "type-generalized";
            }
        }
        return "type-changed";
    }

    private static boolean unconstrainedStringItems(JsonNode revision) {
        JsonNode items = revision.path("items");
        return items.isObject() && items.path("type").asText("string").equals("string") && items.size() <= 1
                && !revision.has("minItems") && !revision.has("maxItems");
    }

    private static void compareFormats(SchemaChanges c, Set<String> types, JsonNode base, JsonNode revision) {
        JsonNode from = base.get("format");
        JsonNode to = revision.get("format");
        if (from != null && to != null && !from.equals(to)) {
            c.emit("type-changed", "format", "format changed from " + from.asText() + " to " + to.asText(),
                    Map.of("from", String.join(",", types) + "/" + from.asText(),
                            "to", String.join(",", types) + "/" + to.asText()));
        }
    }

    private static void addTypes(JsonNode type, Set<String> into) {
        if (type.isTextual()) {
            if (!type.asText().equals("null")) {
                into.add(type.asText());
            }
        } else if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    into.add(t.asText());
                }
            }
        }
    }
}
