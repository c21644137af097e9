package dev.covenant.registry.ui.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The operations of an OpenAPI 3.x or Swagger 2.0 document tree, in document order. */
public final class Operations {

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /**
     * One operation.
     *
     * @param name e.g. {@code GET /items/{id}}, the engine's way of naming operations in findings
     */
    public record Operation(String method, String path, String operationId, String summary, boolean deprecated,
            JsonNode node) {

        public String name() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    private Operations() {
    }

    public static List<Operation> of(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null && operation.isObject()) {
                    operations.add(new Operation(method, path.getKey(), operation.path("operationId").asText(null),
                            operation.path("summary").asText(null), operation.path("deprecated").asBoolean(false),
                            operation));
                }
            }
        }
        return operations;
    }

    /** The operation node named like {@code GET /items/{id}}, or null. */
    public static JsonNode find(JsonNode document, String name) {
        if (name == null) {
            return null;
        }
        int space = name.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String method = name.substring(0, space).toLowerCase(Locale.ROOT);
        JsonNode operation = document.path("paths").path(name.substring(space + 1)).get(method);
        return operation != null && operation.isObject() ? operation : null;
    }
}
