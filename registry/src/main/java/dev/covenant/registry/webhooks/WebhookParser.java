package dev.covenant.registry.webhooks;

import dev.covenant.registry.notifications.TargetPolicy;
import dev.covenant.registry.system.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a webhook from the Pact Broker's JSON, collecting every problem as {@code {"errors":{field:[…]}}}. */
final class WebhookParser {

    static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "GET", "DELETE");
    static final int MAX_BODY_CHARS = 64 * 1024;

    private final Map<String, List<String>> errors = new LinkedHashMap<>();
    private final TargetPolicy policy;
    private final JsonMapper json;

    private WebhookParser(TargetPolicy policy, JsonMapper json) {
        this.policy = policy;
        this.json = json;
    }

    /** The parsed parts; the caller adds uuid and timestamps. */
    record Parsed(String description, boolean enabled, List<String> events, Webhook.Request request,
            Webhook.Selector consumer, Webhook.Selector provider) {
    }

    static Parsed parse(JsonNode body, TargetPolicy policy, JsonMapper json) {
        return new WebhookParser(policy, json).read(body);
    }

    private Parsed read(JsonNode body) {
        String description = text(body, "description");
        JsonNode enabledNode = body.get("enabled");
        boolean enabled = enabledNode == null || enabledNode.isNull() || enabledNode.asBoolean(true);
        List<String> events = events(body.get("events"));
        Webhook.Request request = request(body.get("request"));
        Webhook.Selector consumer = selector(body.get("consumer"), "consumer");
        Webhook.Selector provider = selector(body.get("provider"), "provider");
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Parsed(description, enabled, events, request, consumer, provider);
    }

    private List<String> events(JsonNode events) {
        if (events == null || events.isNull()) {
            return List.of(WebhookEvents.CONTRACT_CONTENT_CHANGED);
        }
        if (!events.isArray()) {
            error("events", "must be a list of {\"name\": …} objects");
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (JsonNode event : events) {
            String name = event.isObject() ? text(event, "name") : null;
            if (name == null || !WebhookEvents.NAMES.contains(name)) {
                error("events", "name must be one of " + String.join(", ", new java.util.TreeSet<>(WebhookEvents.NAMES)));
            } else if (!names.contains(name)) {
                names.add(name);
            }
        }
        if (names.isEmpty() && !errors.containsKey("events")) {
            error("events", "size cannot be less than 1");
        }
        return names;
    }

    private Webhook.Request request(JsonNode request) {
        if (request == null || !request.isObject()) {
            error("request", "is missing");
            return null;
        }
        String method = text(request, "method");
        if (method == null || method.isBlank()) {
            error("request.method", "is missing");
        } else if (!METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            error("request.method", "must be one of " + String.join(", ", new java.util.TreeSet<>(METHODS)));
        }
        String url = text(request, "url");
        if (url == null || url.isBlank()) {
            error("request.url", "is missing");
        } else {
            try {
                // parameters may stand anywhere in the URL; check what it will look like
                policy.checkUrl(WebhookTemplates.substitute(url, Map.of(), WebhookTemplates.Escape.NONE)
                        .replaceAll("\\$\\{pactbroker\\.[A-Za-z]+}", "x"));
            } catch (TargetPolicy.RefusedTarget e) {
                error("request.url", e.getMessage());
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode headerNode = request.get("headers");
        if (headerNode != null && !headerNode.isNull()) {
            if (!headerNode.isObject()) {
                error("request.headers", "must be an object of header names to values");
            } else {
                headerNode.properties().forEach(entry -> headers.put(entry.getKey(),
                        entry.getValue().isString() ? entry.getValue().asString() : entry.getValue().toString()));
            }
        }
        JsonNode bodyNode = request.get("body");
        String body = null;
        boolean jsonBody = false;
        if (bodyNode != null && !bodyNode.isNull()) {
            jsonBody = !bodyNode.isString();
            body = jsonBody ? json.writeValueAsString(bodyNode) : bodyNode.asString();
            if (body.length() > MAX_BODY_CHARS) {
                error("request.body", "must be at most " + MAX_BODY_CHARS + " characters");
            }
        }
        return new Webhook.Request(method == null ? null : method.toUpperCase(Locale.ROOT), url, headers, body,
                jsonBody, text(request, "username"), text(request, "password"));
    }

    private Webhook.Selector selector(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            error(field, "must be an object with a name or a label");
            return null;
        }
        String name = text(node, "name");
        String label = text(node, "label");
        if (name != null && label != null) {
            error(field, "cannot specify both a name and a label");
        }
        return name == null && label == null ? null : new Webhook.Selector(name, label);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private void error(String field, String message) {
        errors.computeIfAbsent(field, key -> new ArrayList<>()).add(message);
    }
}
