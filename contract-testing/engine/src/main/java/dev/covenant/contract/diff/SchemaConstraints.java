package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Value constraints of a schema pair: enums, const, default, pattern, numeric and size bounds, content
 * keywords. Each change is emitted under the generic suffix; the scope decides whether oasdiff names it
 * (and how serious it is) for a request or a response.
 */
final class SchemaConstraints {

    private static final Set<String> ANY_STRING = Set.of(".*", "^.*$", "^.*", ".*$", "(.*)", "^(.*)$");

    private SchemaConstraints() {
    }

    static void compare(SchemaChanges c, JsonNode base, JsonNode revision) {
        enums(c, base.get("enum"), revision.get("enum"), "enum", "enum-value");
        enums(c, base.get("x-extensible-enum"), revision.get("x-extensible-enum"), "x-extensible-enum",
                "x-extensible-enum-value");
        value(c, base.get("const"), revision.get("const"), "const", "const");
        value(c, base.get("default"), revision.get("default"), "default", "default-value");
        pattern(c, nonEmpty(base.get("pattern")), nonEmpty(revision.get("pattern")));
        bound(c, base, revision, "minimum", "min");
        bound(c, base, revision, "maximum", "max");
        bound(c, base, revision, "exclusiveMinimum", "exclusive-min");
        bound(c, base, revision, "exclusiveMaximum", "exclusive-max");
        bound(c, base, revision, "minLength", "min-length");
        bound(c, base, revision, "maxLength", "max-length");
        bound(c, base, revision, "minItems", "min-items");
        bound(c, base, revision, "maxItems", "max-items");
        bound(c, base, revision, "minContains", "min-contains");
        bound(c, base, revision, "maxContains", "max-contains");
        text(c, base.get("contentEncoding"), revision.get("contentEncoding"), "contentEncoding", "content-encoding");
        text(c, base.get("contentMediaType"), revision.get("contentMediaType"), "contentMediaType",
                "content-media-type");
        dependentRequired(c, base.get("dependentRequired"), revision.get("dependentRequired"));
    }

    /**
     * An enum dropped where the schema became a {@code oneOf}/{@code anyOf} of types (oasdiff's list-of-types
     * transition): the transition explains the type and membership changes, not the values, so every value
     * the enum allowed counts as removed (oasdiff's TestTransitionClaims_RealChangeAlongsideTransitionStillReported).
     * A nullable wrapping around an equivalent schema never gets here: it is a nullability change only.
     */
    static void enumMovedIntoComposition(SchemaChanges c, JsonNode base, JsonNode revision) {
        JsonNode from = base.get("enum");
        if (from != null && from.isArray() && !revision.has("enum")
                && (revision.has("oneOf") || revision.has("anyOf")) && !base.has("oneOf") && !base.has("anyOf")) {
            for (JsonNode value : from) {
                c.emit("enum-value-removed", "enum", "enum value " + value + " is no longer listed at this level",
                        Map.of("value", value.asText()));
            }
        }
    }

    private static void enums(SchemaChanges c, JsonNode from, JsonNode to, String keyword, String suffix) {
        if (to == null || !to.isArray()) {
            if (keyword.equals("enum")) {
                enumMovedIntoComposition(c, c.base(), c.revision());
            }
            return;
        }
        if (from == null || !from.isArray()) {
            if (keyword.equals("enum")) {
                c.emit("became-enum", keyword, "became an enum of " + to);
            }
            return;
        }
        Set<JsonNode> before = values(from);
        Set<JsonNode> after = values(to);
        for (JsonNode value : before) {
            if (!after.contains(value)) {
                c.emit(suffix + "-removed", keyword, "enum value " + value + " was removed",
                        Map.of("value", value.asText()));
            }
        }
        for (JsonNode value : after) {
            if (!before.contains(value)) {
                c.emit(suffix + "-added", keyword, "enum value " + value + " was added",
                        Map.of("value", value.asText()));
            }
        }
    }

    private static Set<JsonNode> values(JsonNode array) {
        Set<JsonNode> values = new LinkedHashSet<>();
        array.forEach(values::add);
        return values;
    }

    private static void value(SchemaChanges c, JsonNode from, JsonNode to, String keyword, String suffix) {
        if (from == null && to == null || from != null && from.equals(to)) {
            return;
        }
        if (from == null) {
            c.emit(suffix + "-added", keyword, keyword + " " + to + " was added");
        } else if (to == null) {
            c.emit(suffix + "-removed", keyword, keyword + " " + from + " was removed");
        } else {
            c.emit(suffix + "-changed", keyword, keyword + " changed from " + from + " to " + to,
                    Map.of("from", from.toString(), "to", to.toString()));
        }
    }

    private static void pattern(SchemaChanges c, JsonNode from, JsonNode to) {
        if (from == null && to == null || from != null && from.equals(to)) {
            return;
        }
        if (from == null) {
            c.emit("pattern-added", "pattern", "pattern " + to.asText() + " was added",
                    Map.of("pattern", to.asText(), "comment", "pattern-added-error-comment"));
        } else if (to == null) {
            c.emit("pattern-removed", "pattern", "pattern " + from.asText() + " was removed");
        } else if (ANY_STRING.contains(to.asText())) {
            c.emit("pattern-generalized", "pattern", "pattern " + from.asText() + " now accepts any string");
        } else {
            c.emit("pattern-changed", "pattern", "pattern changed from " + from.asText() + " to " + to.asText(),
                    Map.of("from", from.asText(), "to", to.asText()));
        }
    }

    /** An empty pattern constrains nothing: the same as no pattern. */
    private static JsonNode nonEmpty(JsonNode pattern) {
        return pattern == null || pattern.asText().isEmpty() ? null : pattern;
    }

    private static void bound(SchemaChanges c, JsonNode base, JsonNode revision, String keyword, String suffix) {
        BigDecimal from = number(base.get(keyword));
        BigDecimal to = number(revision.get(keyword));
        if (from == null && to == null) {
            return;
        }
        if (from == null) {
            c.emit(suffix + "-set", keyword, keyword + " was set to " + to.toPlainString(),
                    Map.of("to", to.toPlainString()));
        } else if (to == null) {
            c.emit(suffix + "-unset", keyword, keyword + " " + from.toPlainString() + " was removed",
                    Map.of("from", from.toPlainString()));
        } else {
            int order = to.compareTo(from);
            if (order != 0) {
                c.emit(suffix + (order > 0 ? "-increased" : "-decreased"), keyword,
                        keyword + (order > 0 ? " increased" : " decreased") + " from " + from.toPlainString()
                                + " to " + to.toPlainString(),
                        Map.of("from", from.toPlainString(), "to", to.toPlainString()));
            }
        }
    }

    // 3.0's boolean exclusiveMinimum/exclusiveMaximum are flags on minimum/maximum, not bounds.
    private static BigDecimal number(JsonNode node) {
        return node != null && node.isNumber() ? node.decimalValue() : null;
    }

    private static void text(SchemaChanges c, JsonNode from, JsonNode to, String keyword, String suffix) {
        if (from == null && to == null || from != null && from.equals(to)) {
            return;
        }
        c.emit(suffix + "-changed", keyword, keyword + " changed from " + (from == null ? "none" : from.asText())
                + " to " + (to == null ? "none" : to.asText()));
    }

    private static void dependentRequired(SchemaChanges c, JsonNode from, JsonNode to) {
        JsonNode before = from == null ? MissingNode.getInstance() : from;
        JsonNode after = to == null ? MissingNode.getInstance() : to;
        for (var names = before.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!after.has(name)) {
                c.emit("dependent-required-removed", "dependentRequired", "dependentRequired of " + name
                        + " was removed", Map.of("property", name));
            } else if (!values(before.get(name)).equals(values(after.get(name)))) {
                c.emit("dependent-required-changed", "dependentRequired", "dependentRequired of " + name
                        + " changed", Map.of("property", name));
            }
        }
        for (var names = after.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!before.has(name)) {
                c.emit("dependent-required-added", "dependentRequired", "dependentRequired of " + name
                        + " was added", Map.of("property", name));
            }
        }
    }
}
