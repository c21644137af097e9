package dev.covenant.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.check.ApiModel.Header;
import dev.covenant.contract.check.ApiModel.Media;
import dev.covenant.contract.check.ApiModel.Operation;
import dev.covenant.contract.check.ApiModel.Parameter;
import dev.covenant.contract.check.ApiModel.RequestBody;
import dev.covenant.contract.check.ApiModel.Response;
import dev.covenant.contract.check.ApiModel.SecurityScheme;
import dev.covenant.contract.openapi.Pointers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the operations of an OpenAPI 3.x or Swagger 2.0 tree into {@link ApiModel} records. */
final class ApiModelReader {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final JsonNode root;
    private final boolean swagger2;

    ApiModelReader(JsonNode root) {
        this.root = root;
        this.swagger2 = root.has("swagger");
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        JsonNode paths = root.path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            String pathPointer = "/paths/" + Pointers.escape(path.getKey());
            Refs.Located item = Refs.resolve(root, path.getValue(), pathPointer);
            if (!item.node().isObject()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> methods = item.node().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (METHODS.contains(method.getKey()) && method.getValue().isObject()) {
                    operations.add(operation(path.getKey(), method.getKey(), item, method.getValue(),
                            item.pointer() + "/" + method.getKey()));
                }
            }
        }
        return operations;
    }

    private Operation operation(String template, String method, Refs.Located item, JsonNode op, String pointer) {
        List<Parameter> all = new ArrayList<>();
        parameters(op.path("parameters"), pointer + "/parameters", all);
        List<Parameter> inherited = new ArrayList<>();
        parameters(item.node().path("parameters"), item.pointer() + "/parameters", inherited);
        for (Parameter parameter : inherited) {
            boolean overridden = all.stream().anyMatch(p -> p.in().equals(parameter.in())
                    && p.name().equalsIgnoreCase(parameter.name()));
            if (!overridden) {
                all.add(parameter);
            }
        }
        RequestBody body = swagger2 ? swaggerBody(op, all, pointer) : requestBody(op, pointer);
        List<Parameter> plain = all.stream().filter(p -> !p.in().equals("body") && !p.in().equals("formData")).toList();
        return new Operation(template, method.toUpperCase(java.util.Locale.ROOT), pointer, plain, body,
                responses(op, pointer), security(op));
    }

    private void parameters(JsonNode list, String pointer, List<Parameter> into) {
        if (!list.isArray()) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            Refs.Located located = Refs.resolve(root, list.get(i), pointer + "/" + i);
            JsonNode p = located.node();
            if (!p.isObject() || !p.path("name").isTextual() || !p.path("in").isTextual()) {
                continue;
            }
            JsonNode schema = swagger2 && !p.path("in").asText().equals("body") ? p : p.get("schema");
            String schemaPointer = swagger2 && !p.path("in").asText().equals("body") ? located.pointer()
                    : located.pointer() + "/schema";
            if (schema == null && p.path("content").isObject() && p.path("content").size() > 0) {
                Map.Entry<String, JsonNode> first = p.path("content").fields().next();
                schema = first.getValue().get("schema");
                schemaPointer = located.pointer() + "/content/" + Pointers.escape(first.getKey()) + "/schema";
            }
            String in = p.path("in").asText();
            into.add(new Parameter(p.path("name").asText(), in, p.path("required").asBoolean(in.equals("path")),
                    schema, schemaPointer, located.pointer(), p.path("style").isTextual() ? p.path("style").asText() : null,
                    p.path("explode").isBoolean() ? p.path("explode").asBoolean() : null,
                    p.path("collectionFormat").isTextual() ? p.path("collectionFormat").asText() : null));
        }
    }

    private RequestBody requestBody(JsonNode op, String pointer) {
        if (!op.has("requestBody")) {
            return null;
        }
        Refs.Located body = Refs.resolve(root, op.get("requestBody"), pointer + "/requestBody");
        if (!body.node().isObject()) {
            return null;
        }
        return new RequestBody(body.node().path("required").asBoolean(false),
                content(body.node().path("content"), body.pointer() + "/content"), body.pointer() + "/content");
    }

    private RequestBody swaggerBody(JsonNode op, List<Parameter> parameters, String pointer) {
        List<String> consumes = mediaList(op, "consumes");
        for (Parameter parameter : parameters) {
            if (parameter.in().equals("body")) {
                Map<String, Media> content = new LinkedHashMap<>();
                for (String type : consumes.isEmpty() ? List.of("application/json") : consumes) {
                    content.put(type, new Media(type, parameter.schema(), parameter.schemaPointer()));
                }
                return new RequestBody(parameter.required(), content, parameter.pointer());
            }
        }
        List<Parameter> form = parameters.stream().filter(p -> p.in().equals("formData")).toList();
        if (form.isEmpty()) {
            return null;
        }
        com.fasterxml.jackson.databind.node.ObjectNode schema = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        com.fasterxml.jackson.databind.node.ObjectNode properties = schema.putObject("properties");
        com.fasterxml.jackson.databind.node.ArrayNode required = schema.putArray("required");
        for (Parameter parameter : form) {
            properties.set(parameter.name(), parameter.schema());
            if (parameter.required()) {
                required.add(parameter.name());
            }
        }
        Map<String, Media> content = new LinkedHashMap<>();
        for (String type : consumes.isEmpty() ? List.of("application/x-www-form-urlencoded") : consumes) {
            content.put(type, new Media(type, schema, pointer + "/parameters"));
        }
        return new RequestBody(!required.isEmpty(), content, pointer + "/parameters");
    }

    private Map<String, Response> responses(JsonNode op, String pointer) {
        Map<String, Response> responses = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String at = pointer + "/responses/" + Pointers.escape(entry.getKey());
            Refs.Located response = Refs.resolve(root, entry.getValue(), at);
            JsonNode node = response.node().isObject() ? response.node() : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            Map<String, Media> content;
            String contentPointer;
            if (swagger2) {
                content = new LinkedHashMap<>();
                List<String> produces = mediaList(op, "produces");
                if (produces.isEmpty() && node.has("schema")) {
                    produces = List.of("application/json");
                }
                for (String type : produces) {
                    content.put(type, new Media(type, node.get("schema"), response.pointer() + "/schema"));
                }
                contentPointer = response.pointer();
            } else {
                contentPointer = response.pointer() + "/content";
                content = content(node.path("content"), contentPointer);
            }
            responses.put(entry.getKey(), new Response(entry.getKey(), response.pointer(), content, contentPointer,
                    headers(node.path("headers"), response.pointer() + "/headers"), response.pointer() + "/headers"));
        }
        return responses;
    }

    private Map<String, Media> content(JsonNode content, String pointer) {
        Map<String, Media> media = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String at = pointer + "/" + Pointers.escape(entry.getKey());
            media.put(entry.getKey(), new Media(entry.getKey(), entry.getValue().get("schema"), at + "/schema"));
        }
        return media;
    }

    private Map<String, Header> headers(JsonNode headers, String pointer) {
        Map<String, Header> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Refs.Located header = Refs.resolve(root, entry.getValue(), pointer + "/" + Pointers.escape(entry.getKey()));
            JsonNode schema = swagger2 ? header.node() : header.node().get("schema");
            String schemaPointer = swagger2 ? header.pointer() : header.pointer() + "/schema";
            result.put(entry.getKey().toLowerCase(java.util.Locale.ROOT),
                    new Header(entry.getKey(), schema, schemaPointer));
        }
        return result;
    }

    /** Operation-level {@code consumes}/{@code produces}, else the document's. */
    private List<String> mediaList(JsonNode op, String field) {
        JsonNode list = op.has(field) ? op.get(field) : root.path(field);
        List<String> types = new ArrayList<>();
        list.forEach(type -> types.add(type.asText()));
        return types;
    }

    /** Alternatives (OR) of requirements (AND); null when the operation is unsecured. */
    private List<Map<String, SecurityScheme>> security(JsonNode op) {
        JsonNode requirements = op.has("security") ? op.get("security") : root.get("security");
        if (requirements == null || !requirements.isArray() || requirements.isEmpty()) {
            return null;
        }
        JsonNode schemes = swagger2 ? root.path("securityDefinitions") : root.path("components").path("securitySchemes");
        List<Map<String, SecurityScheme>> alternatives = new ArrayList<>();
        for (JsonNode requirement : requirements) {
            Map<String, SecurityScheme> all = new LinkedHashMap<>();
            for (Iterator<String> names = requirement.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode scheme = Refs.resolve(root, schemes.path(name), "").node();
                all.put(name, new SecurityScheme(scheme.path("type").asText(""), scheme.path("in").asText(""),
                        scheme.path("name").asText(""), scheme.path("scheme").asText("")));
            }
            alternatives.add(all);
        }
        return alternatives;
    }
}
