package dev.covenant.registry.webhooks;

import dev.covenant.registry.notifications.OutboundRequest;
import dev.covenant.registry.system.Links;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The Pact Broker's JSON for webhooks; passwords and credential headers show as {@code **********}. */
final class WebhookViews {

    private WebhookViews() {
    }

    static Map<String, Object> webhook(Links links, Webhook webhook, JsonMapper json) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("uuid", webhook.uuid());
        if (webhook.description() != null) {
            view.put("description", webhook.description());
        }
        if (webhook.consumer() != null) {
            view.put("consumer", selector(webhook.consumer()));
        }
        if (webhook.provider() != null) {
            view.put("provider", selector(webhook.provider()));
        }
        view.put("enabled", webhook.enabled());
        view.put("request", request(webhook.request(), json));
        view.put("events", webhook.events().stream().map(name -> Map.of("name", name)).toList());
        view.put("createdAt", webhook.createdAt().toString());
        view.put("updatedAt", webhook.updatedAt().toString());
        Map<String, Object> relations = new LinkedHashMap<>();
        relations.put("self", Links.link(links.href("webhooks", webhook.uuid()), title(webhook), null));
        relations.put("pb:execute", Links.link(links.href("webhooks", webhook.uuid(), "execute"),
                "Test the execution of the webhook with the latest matching pact or verification by sending a POST "
                        + "request to this URL", null));
        if (webhook.consumer() != null && webhook.consumer().name() != null) {
            relations.put("pb:consumer", Links.link(links.href("pacticipants", webhook.consumer().name()), "Consumer",
                    webhook.consumer().name()));
        }
        if (webhook.provider() != null && webhook.provider().name() != null) {
            relations.put("pb:provider", Links.link(links.href("pacticipants", webhook.provider().name()), "Provider",
                    webhook.provider().name()));
        }
        if (webhook.consumer() != null && webhook.provider() != null && webhook.consumer().name() != null
                && webhook.provider().name() != null) {
            relations.put("pb:pact-webhooks", Links.link(links.href("webhooks", "provider", webhook.provider().name(),
                    "consumer", webhook.consumer().name()), "All webhooks for consumer " + webhook.consumer().name()
                    + " and provider " + webhook.provider().name(), null));
        }
        relations.put("pb:webhooks", Links.link(links.href("webhooks"), "All webhooks", null));
        view.put("_links", relations);
        return view;
    }

    static String title(Webhook webhook) {
        if (webhook.description() != null && !webhook.description().isBlank()) {
            return webhook.description();
        }
        return "A webhook for " + (webhook.consumer() == null || webhook.consumer().name() == null ? "any consumer"
                : webhook.consumer().name()) + " and " + (webhook.provider() == null || webhook.provider().name() == null
                ? "any provider" : webhook.provider().name());
    }

    private static Map<String, Object> selector(Webhook.Selector selector) {
        Map<String, Object> view = new LinkedHashMap<>();
        if (selector.name() != null) {
            view.put("name", selector.name());
        }
        if (selector.label() != null) {
            view.put("label", selector.label());
        }
        return view;
    }

    private static Map<String, Object> request(Webhook.Request request, JsonMapper json) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("method", request.method());
        view.put("url", request.url());
        if (!request.headers().isEmpty()) {
            Map<String, String> headers = new LinkedHashMap<>();
            request.headers().forEach((name, value) -> headers.put(name,
                    OutboundRequest.isSecret(name) ? OutboundRequest.REDACTED : value));
            view.put("headers", headers);
        }
        if (request.body() != null) {
            view.put("body", request.jsonBody() ? json.readTree(request.body()) : request.body());
        }
        if (request.username() != null) {
            view.put("username", request.username());
        }
        if (request.password() != null) {
            view.put("password", OutboundRequest.REDACTED);
        }
        return view;
    }

    static Map<String, Object> collection(Links links, String selfHref, List<Webhook> webhooks, JsonMapper json) {
        Map<String, Object> relations = new LinkedHashMap<>();
        relations.put("self", Links.link(selfHref, "Webhooks", null));
        relations.put("pb:create", Links.link(selfHref, "POST to create a webhook", null));
        relations.put("pb:webhooks", webhooks.stream()
                .map(webhook -> Links.link(links.href("webhooks", webhook.uuid()), title(webhook), title(webhook)))
                .toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_links", relations);
        body.put("_embedded", Map.of("webhooks", webhooks.stream().map(webhook -> webhook(links, webhook, json)).toList()));
        return body;
    }
}
