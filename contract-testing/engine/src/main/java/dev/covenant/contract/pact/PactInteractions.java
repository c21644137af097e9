package dev.covenant.contract.pact;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one interaction of any specification version; tolerant of nulls where the Pact tools are. */
final class PactInteractions {

    private PactInteractions() {
    }

    static Interaction read(JsonNode node, int index, String array) {
        String where = array + "[" + index + "]";
        if (node == null || !node.isObject()) {
            throw new InvalidPactException(where + " must be an object");
        }
        String description = node.path("description").asText("");
        String id = id(node);
        String type = node.path("type").isTextual() ? node.path("type").asText() : null;
        if (type != null && !type.equalsIgnoreCase("Synchronous/HTTP")) {
            return type.toLowerCase(java.util.Locale.ROOT).contains("message")
                    ? new MessageInteraction(index, description, id, type)
                    : new OtherInteraction(index, description, id, type);
        }
        return new HttpInteraction(index, description, id, providerStates(node),
                request(node.get("request"), where), response(node.get("response"), where));
    }

    static String id(JsonNode node) {
        JsonNode id = node.get("_id");
        return id != null && id.isValueNode() && !id.isNull() ? id.asText() : null;
    }

    private static List<String> providerStates(JsonNode node) {
        List<String> states = new ArrayList<>();
        JsonNode single = node.get("providerState");
        if (single != null && single.isTextual()) {
            states.add(single.asText());
        }
        JsonNode many = node.get("providerStates");
        if (many != null && many.isArray()) {
            for (JsonNode state : many) {
                if (state.path("name").isTextual()) {
                    states.add(state.path("name").asText());
                }
            }
        }
        return states;
    }

    private static HttpRequest request(JsonNode request, String where) {
        if (request == null || !request.isObject()) {
            throw new InvalidPactException(where + ".request must be an object");
        }
        JsonNode method = request.get("method");
        if (method == null || !method.isTextual() || method.asText().isBlank()) {
            throw new InvalidPactException(where + ".request.method must be a non-empty string");
        }
        JsonNode path = request.get("path");
        if (path == null || !path.isTextual()) {
            throw new InvalidPactException(where + ".request.path must be a string");
        }
        return new HttpRequest(method.asText().toUpperCase(java.util.Locale.ROOT), path.asText(),
                query(request.get("query"), where), headers(request.get("headers"), where + ".request"),
                body(request));
    }

    private static HttpResponse response(JsonNode response, String where) {
        if (response == null || !response.isObject()) {
            throw new InvalidPactException(where + ".response must be an object");
        }
        JsonNode status = response.get("status");
        if (status == null || !status.canConvertToInt() || !status.isIntegralNumber()) {
            throw new InvalidPactException(where + ".response.status must be an integer");
        }
        return new HttpResponse(status.asInt(), headers(response.get("headers"), where + ".response"), body(response));
    }

    /** V2 query strings are decoded; V3/V4 maps hold arrays (or, leniently, single strings). */
    static Map<String, List<String>> query(JsonNode query, String where) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query == null || query.isNull()) {
            return parameters;
        }
        if (query.isTextual()) {
            return parseQueryString(query.asText());
        }
        if (!query.isObject()) {
            throw new InvalidPactException(where + ".request.query must be a string or an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = query.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<String> values = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(value -> values.add(value.asText()));
            } else if (!field.getValue().isNull()) {
                values.add(field.getValue().asText());
            }
            parameters.put(field.getKey(), values);
        }
        return parameters;
    }

    /** Decodes {@code a=1&b=2&a=3}; a key without {@code =} has an empty value. */
    static Map<String, List<String>> parseQueryString(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a stray '%' is kept as written rather than failing the whole pact
        }
    }

    private static Map<String, String> headers(JsonNode headers, String where) {
        Map<String, String> result = new LinkedHashMap<>();
        if (headers == null || headers.isNull()) {
            return result;
        }
        if (!headers.isObject()) {
            throw new InvalidPactException(where + ".headers must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = headers.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isArray()) {
                List<String> values = new ArrayList<>();
                value.forEach(item -> values.add(item.asText()));
                result.put(field.getKey(), String.join(", ", values));
            } else if (!value.isNull()) {
                result.put(field.getKey(), value.asText());
            }
        }
        return result;
    }

    /** V4 wraps bodies as {content, contentType, encoded}; older versions give the body itself. */
    private static PactBody body(JsonNode message) {
        if (!message.has("body")) {
            return null;
        }
        JsonNode body = message.get("body");
        if (body == null || body.isNull() || body.isMissingNode()) {
            return null;
        }
        if (body.isObject() && body.has("content") && (body.has("contentType") || body.has("encoded"))) {
            JsonNode content = body.get("content");
            if (content == null || content.isNull()) {
                return null;
            }
            JsonNode encoded = body.path("encoded");
            boolean isEncoded = encoded.isTextual() ? !encoded.asText().isEmpty() && !"false".equals(encoded.asText())
                    : encoded.asBoolean(false);
            String contentType = body.path("contentType").isTextual() ? body.path("contentType").asText() : null;
            return new PactBody(content,
                    contentType, isEncoded);
        }
        return new PactBody(body, null, false);
    }
}
