package dev.covenant.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the strings of paths, query strings and headers into JSON values, guided by the parameter's schema
 * (serialization styles of OpenAPI 3, collection formats of Swagger 2.0), so they can be schema-validated.
 */
final class ParameterValues {

    private final JsonNode document;

    ParameterValues(JsonNode document) {
        this.document = document;
    }

    /** A {@code simple}-style value (headers, path segments): arrays and objects are comma-separated. */
    tools.jackson.databind.JsonNode simple(JsonNode schema, String raw, String delimiters) {
        Set<String> types = types(schema);
        if (types.contains("array")) {
            return array(schema, List.of(raw.split(delimiters, -1)));
        }
        if (types.contains("object")) {
            return object(schema, raw, delimiters);
        }
        return scalar(schema, raw);
    }

    /** A query parameter with all its values. */
    tools.jackson.databind.JsonNode query(ApiModel.Parameter parameter, List<String> values) {
        JsonNode schema = parameter.schema();
        if (types(schema).contains("array")) {
            String delimiter = delimiter(parameter);
            List<String> items = new ArrayList<>();
            for (String value : values) {
                if (delimiter == null) {
                    items.add(value);
                } else {
                    items.addAll(List.of(value.split(Pattern.quote(delimiter), -1)));
                }
            }
            return array(schema, items);
        }
        String joined = String.join(",", values);
        if (types(schema).contains("object")) {
            return object(schema, joined, ",");
        }
        return scalar(schema, joined);
    }

    /** {@code person[address][city]=x} style: every key under the parameter's name, nested. */
    tools.jackson.databind.JsonNode deepObject(JsonNode schema, String name, Map<String, List<String>> query,
                                               Set<String> used) {
        ObjectNode root = Trees.J3.objectNode();
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(name + "[")) {
                continue;
            }
            used.add(key);
            List<String> path = new ArrayList<>();
            java.util.regex.Matcher matcher = Pattern.compile("\\[([^\\]]*)]").matcher(key.substring(name.length()));
            while (matcher.find()) {
                path.add(matcher.group(1));
            }
            ObjectNode target = root;
            JsonNode targetSchema = schema;
            for (int i = 0; i < path.size() - 1; i++) {
                targetSchema = property(targetSchema, path.get(i));
                tools.jackson.databind.JsonNode next = target.get(path.get(i));
                target = next instanceof ObjectNode object ? object : target.putObject(path.get(i));
            }
            if (!path.isEmpty()) {
                String leaf = path.get(path.size() - 1);
                String value = entry.getValue().isEmpty() ? "" : entry.getValue().get(0);
                target.set(leaf, scalar(property(targetSchema, leaf), value));
            }
        }
        return root;
    }

    private static String delimiter(ApiModel.Parameter parameter) {
        if (parameter.collectionFormat() != null) {
            return switch (parameter.collectionFormat()) {
                case "ssv" -> " ";
                case "tsv" -> "\t";
                case "pipes" -> "|";
                case "multi" -> null;
                default -> ",";
            };
        }
        String style = parameter.style() == null ? "form" : parameter.style();
        boolean explode = parameter.explode() == null ? style.equals("form") : parameter.explode();
        return switch (style) {
            case "spaceDelimited" -> explode ? null : " ";
            case "pipeDelimited" -> explode ? null : "|";
            default -> explode ? null : ",";
        };
    }

    private tools.jackson.databind.JsonNode array(JsonNode schema, List<String> items) {
        JsonNode itemSchema = resolve(schema).path("items");
        ArrayNode array = Trees.J3.arrayNode();
        for (String item : items) {
            array.add(scalar(itemSchema, item.trim()));
        }
        return array;
    }

    /** {@code a=1,b=2} (exploded) or {@code a,1,b,2}. */
    private tools.jackson.databind.JsonNode object(JsonNode schema, String raw, String delimiters) {
        ObjectNode object = Trees.J3.objectNode();
        String[] parts = raw.split(delimiters, -1);
        if (raw.contains("=")) {
            for (String part : parts) {
                int equals = part.indexOf('=');
                String key = equals < 0 ? part : part.substring(0, equals);
                object.set(key, scalar(property(schema, key), equals < 0 ? "" : part.substring(equals + 1)));
            }
        } else {
            for (int i = 0; i + 1 < parts.length; i += 2) {
                object.set(parts[i], scalar(property(schema, parts[i]), parts[i + 1]));
            }
        }
        return object;
    }

    /** A number, integer or boolean when the schema wants one and the text is one; otherwise the text. */
    tools.jackson.databind.JsonNode scalar(JsonNode schema, String raw) {
        Set<String> types = types(schema);
        if (types.contains("string") || types.isEmpty()) {
            return Trees.J3.stringNode(raw);
        }
        if ((types.contains("number") || types.contains("integer")) && raw.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            BigDecimal number = new BigDecimal(raw);
            return number.stripTrailingZeros().scale() <= 0 && !raw.contains(".") && !raw.contains("e") && !raw.contains("E")
                    ? Trees.J3.numberNode(number.toBigIntegerExact())
                    : Trees.J3.numberNode(number);
        }
        if (types.contains("boolean") && (raw.equals("true") || raw.equals("false"))) {
            return Trees.J3.booleanNode(Boolean.parseBoolean(raw));
        }
        if (types.contains("null") && (raw.isEmpty() || raw.equals("null"))) {
            return Trees.J3.nullNode();
        }
        return Trees.J3.stringNode(raw);
    }

    private JsonNode property(JsonNode schema, String name) {
        return resolve(schema).path("properties").path(name);
    }

    JsonNode resolveSchema(JsonNode schema) {
        return resolve(schema);
    }

    private JsonNode resolve(JsonNode schema) {
        return schema == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : Refs.resolve(document, schema, "").node();
    }

    /** The declared types (following references); items/properties imply array/object. */
    Set<String> types(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        Set<String> types = new HashSet<>();
        JsonNode type = resolved.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        } else if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (resolved.has("items")) {
            types.add("array");
        } else if (resolved.has("properties")) {
            types.add("object");
        }
        return types;
    }
}
