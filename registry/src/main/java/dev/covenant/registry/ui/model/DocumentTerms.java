package dev.covenant.registry.ui.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.registry.ui.model.Operations.Operation;
import dev.covenant.registry.ui.model.SearchIndex.Entry;
import dev.covenant.registry.ui.model.SearchIndex.Kind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The names an OpenAPI document and a pact contribute to the search index. */
final class DocumentTerms {

    /** A generated 20 MB document has far more; the first ones are enough to find an interface by. */
    static final int MAX_ENTRIES = 20_000;
    private static final int MAX_DEPTH = 16;

    private DocumentTerms() {
    }

    /** Operations, paths, parameters, and schema properties (components and inline) of a document. */
    static List<Entry> ofDocument(String application, String version, JsonNode document) {
        Set<Entry> entries = new LinkedHashSet<>();
        Set<String> paths = new LinkedHashSet<>();
        for (Operation operation : Operations.of(document)) {
            String name = operation.name();
            entries.add(new Entry(Kind.OPERATION, name, application, version, null, summary(operation)));
            if (operation.operationId() != null) {
                entries.add(new Entry(Kind.OPERATION, operation.operationId(), application, version, null, name));
            }
            paths.add(operation.path());
            for (JsonNode parameter : operation.node().path("parameters")) {
                if (parameter.hasNonNull("name")) {
                    entries.add(new Entry(Kind.PARAMETER, parameter.get("name").asText(), application, version, null,
                            name + " · " + parameter.path("in").asText("parameter")));
                }
            }
            JsonNode requestBody = operation.node().path("requestBody").path("content");
            for (JsonNode media : requestBody) {
                properties(media.path("schema"), application, version, name + " · request body", entries, 0);
            }
            Iterator<Map.Entry<String, JsonNode>> responses = operation.node().path("responses").fields();
            while (responses.hasNext()) {
                Map.Entry<String, JsonNode> response = responses.next();
                String where = name + " · " + response.getKey() + " response";
                for (JsonNode media : response.getValue().path("content")) {
                    properties(media.path("schema"), application, version, where, entries, 0);
                }
                properties(response.getValue().path("schema"), application, version, where, entries, 0);
            }
        }
        for (String path : paths) {
            entries.add(new Entry(Kind.PATH, path, application, version, null, "path"));
        }
        JsonNode schemas = document.path("components").path("schemas");
        if (schemas.isMissingNode()) {
            schemas = document.path("definitions");
        }
        Iterator<Map.Entry<String, JsonNode>> named = schemas.fields();
        while (named.hasNext()) {
            Map.Entry<String, JsonNode> schema = named.next();
            entries.add(new Entry(Kind.FIELD, schema.getKey(), application, version, null, "schema"));
            properties(schema.getValue(), application, version, "schema " + schema.getKey(), entries, 0);
        }
        return limited(entries);
    }

    /** The body fields a consumer's pact reads from (and sends to) its provider. */
    static List<Entry> ofPact(String consumer, String version, String provider, List<PactUsage.Use> uses) {
        Set<Entry> entries = new LinkedHashSet<>();
        for (PactUsage.Use use : uses) {
            String request = use.method() + " " + use.path();
            for (String field : use.fieldsRead()) {
                entries.add(new Entry(Kind.PACT_FIELD, BodyFields.leaf(field), consumer, version, provider,
                        "reads " + field + " from " + provider + " (" + request + ")"));
            }
            for (String field : use.fieldsSent()) {
                entries.add(new Entry(Kind.PACT_FIELD, BodyFields.leaf(field), consumer, version, provider,
                        "sends " + field + " to " + provider + " (" + request + ")"));
            }
        }
        return limited(entries);
    }

    private static void properties(JsonNode schema, String application, String version, String where,
            Set<Entry> entries, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH || entries.size() >= MAX_ENTRIES) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            entries.add(new Entry(Kind.FIELD, property.getKey(), application, version, null, where));
            properties(property.getValue(), application, version, where, entries, depth + 1);
        }
        properties(schema.path("items"), application, version, where, entries, depth + 1);
        properties(schema.path("additionalProperties"), application, version, where, entries, depth + 1);
        for (String composition : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode part : schema.path(composition)) {
                properties(part, application, version, where, entries, depth + 1);
            }
        }
    }

    private static String summary(Operation operation) {
        return operation.summary() != null ? operation.summary() : "operation";
    }

    private static List<Entry> limited(Set<Entry> entries) {
        List<Entry> list = new ArrayList<>(entries);
        return list.size() > MAX_ENTRIES ? list.subList(0, MAX_ENTRIES) : list;
    }
}
