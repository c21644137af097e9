package dev.covenant.contract.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.contract.check.ExchangeChecker.Found;
import dev.covenant.contract.check.ExchangeChecker.MediaSpec;
import dev.covenant.contract.check.ExchangeChecker.ParameterSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A valid request for an operation, built from the document: parameter and body examples where documented, else
 * values generated from the schemas. Required parameters only (and the body when it is JSON). The drift check
 * sends these to a running provider; tests send them to stubs.
 */
public final class SampleRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final InstanceGenerator generator;

    public SampleRequests(JsonNode document) {
        this.document = document;
        this.generator = new InstanceGenerator(document, InstanceGenerator.Direction.REQUEST, true);
    }

    /** The request for {@code operation}. */
    public StubRequest forOperation(Found operation) {
        String path = operation.pathTemplate();
        Map<String, List<String>> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (ParameterSpec parameter : operation.parameters()) {
            if (!parameter.required() && !parameter.in().equals("path")) {
                continue;
            }
            String value = text(value(parameter));
            switch (parameter.in()) {
                case "path" -> path = path.replace("{" + parameter.name() + "}",
                        URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
                case "query" -> query.put(parameter.name(), List.of(value));
                case "header" -> headers.put(parameter.name(), value);
                default -> {
                }
            }
        }
        byte[] body = new byte[0];
        if (operation.requestBody() != null && !operation.requestBody().content().isEmpty()) {
            MediaSpec media = operation.requestBody().content().stream()
                    .filter(m -> m.mediaType().contains("json"))
                    .findFirst()
                    .orElse(null);
            if (media != null) {
                headers.put("Content-Type", media.mediaType().contains("*") ? "application/json" : media.mediaType());
                body = bytes(example(media));
            }
        }
        return new StubRequest(operation.method(), path, query, headers, body);
    }

    /** The request with {@code path} and {@code query} as a URL tail ({@code /pets/1?limit=2}). */
    public static String target(StubRequest request) {
        StringBuilder target = new StringBuilder(request.path());
        char separator = '?';
        for (Map.Entry<String, List<String>> parameter : request.query().entrySet()) {
            for (String value : parameter.getValue()) {
                target.append(separator)
                        .append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return target.toString();
    }

    private JsonNode value(ParameterSpec parameter) {
        JsonNode node = parameter.pointer() == null ? null : document.at(parameter.pointer());
        if (node != null && node.has("example")) {
            return node.get("example");
        }
        if (node != null && node.path("examples").isObject()) {
            Iterator<JsonNode> examples = node.get("examples").elements();
            if (examples.hasNext() && examples.next().has("value")) {
                return node.get("examples").elements().next().get("value");
            }
        }
        return generator.generate(parameter.schema());
    }

    private JsonNode example(MediaSpec media) {
        JsonNode node = media.pointer() == null ? null : document.at(media.pointer());
        if (node != null && node.has("example")) {
            return node.get("example");
        }
        return generator.generate(media.schema());
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(text(item)));
            return String.join(",", items);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static byte[] bytes(JsonNode value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
