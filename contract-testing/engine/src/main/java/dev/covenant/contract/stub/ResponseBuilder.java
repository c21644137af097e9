package dev.covenant.contract.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.contract.check.ExchangeChecker;
import dev.covenant.contract.check.ExchangeChecker.Found;
import dev.covenant.contract.check.ExchangeChecker.HeaderSpec;
import dev.covenant.contract.check.ExchangeChecker.MediaSpec;
import dev.covenant.contract.check.ExchangeChecker.ResponseSpec;
import dev.covenant.contract.check.FindingType;
import dev.covenant.contract.openapi.Pointers;
import dev.covenant.contract.pact.HttpResponse;
import dev.covenant.contract.pact.PactBody;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chooses a documented response and fills it: status, headers, and a body that is valid against its schema. */
final class ResponseBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final ExchangeChecker checker;
    private final InstanceGenerator withExamples;
    private final InstanceGenerator schemaOnly;
    /** Tried in order when the plain instances do not validate: fewer properties, other branches. */
    private final List<InstanceGenerator> variants;

    ResponseBuilder(JsonNode document, ExchangeChecker checker) {
        this.document = document;
        this.checker = checker;
        this.withExamples = new InstanceGenerator(document, InstanceGenerator.Direction.RESPONSE, true);
        this.schemaOnly = new InstanceGenerator(document, InstanceGenerator.Direction.RESPONSE, false);
        List<InstanceGenerator> others = new ArrayList<>();
        for (int branch = 0; branch < 3; branch++) {
            for (boolean optionals : new boolean[] {true, false}) {
                others.add(new InstanceGenerator(document, InstanceGenerator.Direction.RESPONSE, false, optionals, branch));
            }
        }
        this.variants = List.copyOf(others);
    }

    /**
     * The response {@code Prefer: code=} names (exact, then range, then {@code default}); without one the lowest
     * 2xx, then {@code 2XX}, then {@code default}, then the first documented. {@code null} when none fits.
     */
    ResponseSpec select(Found operation, String code) {
        List<ResponseSpec> responses = operation.responses();
        if (code != null) {
            return responses.stream().filter(r -> r.status().equals(code)).findFirst()
                    .or(() -> responses.stream().filter(r -> code.length() == 3
                            && r.status().equalsIgnoreCase(code.charAt(0) + "XX")).findFirst())
                    .or(() -> code.matches("[1-5]\\d\\d") ? responses.stream()
                            .filter(r -> r.status().equals("default")).findFirst() : java.util.Optional.empty())
                    .orElse(null);
        }
        return responses.stream()
                .filter(r -> r.status().matches("2\\d\\d"))
                .min(Comparator.comparing(ResponseSpec::status))
                .or(() -> responses.stream().filter(r -> r.status().equalsIgnoreCase("2XX")).findFirst())
                .or(() -> responses.stream().filter(r -> r.status().equals("default")).findFirst())
                .or(() -> responses.stream().findFirst())
                .orElse(null);
    }

    StubResponse build(Found operation, ResponseSpec response, String mediaType, Preferences prefer, StubRequest request) {
        int status = status(response.status(), prefer.code());
        Map<String, String> headers = headers(response);
        if (mediaType == null) {
            return new StubResponse(status, headers, new byte[0]);
        }
        MediaSpec media = response.content().stream().filter(m -> m.mediaType().equals(mediaType)).findFirst()
                .orElseThrow();
        String contentType = mediaType.contains("*") ? "application/json" : mediaType;
        headers.put("Content-Type", contentType);
        List<JsonNode> candidates = new ArrayList<>();
        if (prefer.example() != null) {
            JsonNode named = namedExample(media, prefer.example());
            if (named == null) {
                return StubEngine.problem(404, "stub-example-unknown", "No such example",
                        "The response documents no example named " + prefer.example() + ".",
                        Map.of("examples", exampleNames(media)), Map.of());
            }
            candidates.add(named);
        } else {
            documentedExamples(response, media, candidates);
            candidates.add(withExamples.generate(media.schema()));
            candidates.add(schemaOnly.generate(media.schema()));
        }
        JsonNode chosen = null;
        for (JsonNode candidate : candidates) {
            if (valid(operation, request.path(), status, headers, contentType, candidate)) {
                chosen = candidate;
                break;
            }
        }
        for (int i = 0; chosen == null && prefer.example() == null && i < variants.size(); i++) {
            JsonNode candidate = variants.get(i).generate(media.schema());
            if (valid(operation, request.path(), status, headers, contentType, candidate)) {
                chosen = candidate;
            }
        }
        if (chosen == null) {
            chosen = candidates.get(candidates.size() - 1);
            headers.put("Warning", "199 covenant \"the document's schema admits no value this stub could build\"");
        }
        return new StubResponse(status, headers, bytes(chosen, contentType));
    }

    private boolean valid(Found operation, String path, int status, Map<String, String> headers, String contentType,
                          JsonNode body) {
        if (body == null || body.isMissingNode()) {
            return false;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", contentType);
        return checker.checkResponse(operation.method(), path, new HttpResponse(status, all,
                        new PactBody(body, contentType, false)))
                .stream()
                .noneMatch(f -> f.type() == FindingType.ERROR);
    }

    private static int status(String key, String preferred) {
        if (key.matches("\\d{3}")) {
            return Integer.parseInt(key);
        }
        if (preferred != null && preferred.matches("\\d{3}")) {
            return Integer.parseInt(preferred);
        }
        return key.matches("[1-5][xX][xX]") ? (key.charAt(0) - '0') * 100 : 200;
    }

    private Map<String, String> headers(ResponseSpec response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HeaderSpec header : response.headers()) {
            if (header.schema() == null || header.name().equalsIgnoreCase("Content-Type")) {
                continue;
            }
            JsonNode value = schemaOnly.generate(header.schema());
            headers.put(header.name(), value.isValueNode() ? value.asText() : value.toString());
        }
        return headers;
    }

    private void documentedExamples(ResponseSpec response, MediaSpec media, List<JsonNode> into) {
        JsonNode node = media.pointer() == null ? null : document.at(media.pointer());
        if (node != null && node.isObject()) {
            if (node.has("example")) {
                into.add(node.get("example"));
            }
            for (Iterator<JsonNode> it = node.path("examples").elements(); it.hasNext(); ) {
                JsonNode value = resolve(it.next()).path("value");
                if (!value.isMissingNode()) {
                    into.add(value);
                }
            }
        }
        JsonNode swagger = document.at(response.pointer()).path("examples").path(media.mediaType());
        if (!swagger.isMissingNode()) {
            into.add(swagger);
        }
    }

    private JsonNode namedExample(MediaSpec media, String name) {
        if (media.pointer() == null) {
            return null;
        }
        JsonNode example = document.at(media.pointer() + "/examples/" + Pointers.escape(name));
        JsonNode value = resolve(example).path("value");
        return value.isMissingNode() ? null : value;
    }

    private List<String> exampleNames(MediaSpec media) {
        List<String> names = new ArrayList<>();
        if (media.pointer() != null) {
            document.at(media.pointer()).path("examples").fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hop = 0; hop < 32 && current.isObject() && current.path("$ref").isTextual(); hop++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#")) {
                return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
            current = document.at(ref.substring(1));
        }
        return current;
    }

    private static byte[] bytes(JsonNode value, String contentType) {
        if (!ExchangeChecker.isJson(contentType) && value.isTextual()) {
            return value.asText().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
