package dev.covenant.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.contract.pact.PactBody;
import dev.covenant.contract.pact.Pacts;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads pact bodies as JSON values for validation: JSON as is, forms and multipart as objects of fields. */
final class Bodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private Bodies() {
    }

    static tools.jackson.databind.JsonNode json(PactBody body) {
        JsonNode content = body.content();
        if (content.isTextual()) {
            String text = body.encoded() ? decoded(content.asText()).trim() : content.asText().trim();
            if (text.startsWith("{") || text.startsWith("[")) {
                try {
                    return Trees.copy(JSON.readTree(text));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    return Trees.copy(content); // not JSON after all: validated as the string it is
                }
            }
        }
        return Trees.copy(content);
    }

    /** V4 bodies may be base64; anything that does not decode is validated as written. */
    private static String decoded(String text) {
        try {
            return new String(java.util.Base64.getMimeDecoder().decode(text), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    static tools.jackson.databind.JsonNode form(PactBody body, JsonNode schema, ParameterValues values) {
        if (!body.content().isTextual()) {
            return Trees.copy(body.content());
        }
        return fields(Pacts.parseQueryString(body.content().asText()), schema, values);
    }

    static tools.jackson.databind.JsonNode multipart(PactBody body, String contentType, JsonNode schema,
                                                     ParameterValues values) {
        if (!body.content().isTextual()) {
            return Trees.copy(body.content());
        }
        String text = body.content().asText();
        Matcher declared = BOUNDARY.matcher(contentType == null ? "" : contentType);
        String boundary;
        if (declared.find()) {
            boundary = declared.group(1);
        } else {
            int end = text.indexOf('\n');
            String first = (end < 0 ? text : text.substring(0, end)).trim();
            boundary = first.startsWith("--") ? first.substring(2) : first;
        }
        Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
        for (String part : text.split(Pattern.quote("--" + boundary))) {
            int split = part.indexOf("\r\n\r\n");
            int skip = 4;
            if (split < 0) {
                split = part.indexOf("\n\n");
                skip = 2;
            }
            if (split < 0) {
                continue;
            }
            Matcher name = NAME.matcher(part.substring(0, split));
            if (name.find()) {
                String value = part.substring(split + skip).replaceAll("\r?\n$", "");
                fields.computeIfAbsent(name.group(1), k -> new java.util.ArrayList<>()).add(value);
            }
        }
        return fields(fields, schema, values);
    }

    private static ObjectNode fields(Map<String, List<String>> fields, JsonNode schema, ParameterValues values) {
        ObjectNode object = Trees.J3.objectNode();
        JsonNode properties = schema == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : values.resolveSchema(schema).path("properties");
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            JsonNode property = properties.path(field.getKey());
            if (field.getValue().size() > 1 || values.types(property).contains("array")) {
                ArrayNode array = object.putArray(field.getKey());
                JsonNode items = values.resolveSchema(property).path("items");
                field.getValue().forEach(value -> array.add(values.scalar(items, value)));
            } else {
                object.set(field.getKey(), values.scalar(property, field.getValue().get(0)));
            }
        }
        return object;
    }
}
