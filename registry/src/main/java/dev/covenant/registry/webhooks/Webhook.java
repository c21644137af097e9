package dev.covenant.registry.webhooks;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A Pact Broker webhook: an HTTP request template sent when matching events happen.
 *
 * @param events   Pact Broker event names (e.g. contract_content_changed)
 * @param consumer which consumer it is for (null: any)
 * @param provider which provider it is for (null: any)
 */
record Webhook(String uuid, String description, boolean enabled, List<String> events, Request request,
        Selector consumer, Selector provider, Instant createdAt, Instant updatedAt) {

    /** A pacticipant selector: by name or by label. */
    record Selector(String name, String label) {

        boolean matches(Party party) {
            if (name != null) {
                return name.equals(party.name());
            }
            return label == null || party.labels().contains(label);
        }
    }

    /** A consumer or provider an event is about, with its labels. */
    record Party(String name, List<String> labels) {
    }

    /**
     * The request template. {@code body} is the text sent (JSON text when {@code jsonBody}); {@code password} and
     * credential headers are stored but never shown.
     */
    record Request(String method, String url, Map<String, String> headers, String body, boolean jsonBody,
            String username, String password) {
    }

    boolean matches(Party consumerParty, Party providerParty) {
        return (consumer == null || consumer.matches(consumerParty))
                && (provider == null || provider.matches(providerParty));
    }

    Document toDocument() {
        return new Document("_id", uuid).append("description", description).append("enabled", enabled)
                .append("events", events).append("method", request.method()).append("url", request.url())
                .append("headers", new Document(new LinkedHashMap<>(request.headers()))).append("body", request.body())
                .append("jsonBody", request.jsonBody()).append("username", request.username())
                .append("password", request.password())
                .append("consumerName", consumer == null ? null : consumer.name())
                .append("consumerLabel", consumer == null ? null : consumer.label())
                .append("providerName", provider == null ? null : provider.name())
                .append("providerLabel", provider == null ? null : provider.label())
                .append("createdAt", Date.from(createdAt)).append("updatedAt", Date.from(updatedAt));
    }

    static Webhook from(Document document) {
        Map<String, String> headers = new LinkedHashMap<>();
        Document stored = document.get("headers", Document.class);
        if (stored != null) {
            stored.forEach((name, value) -> headers.put(name, String.valueOf(value)));
        }
        return new Webhook(document.getString("_id"), document.getString("description"),
                document.getBoolean("enabled", true), document.getList("events", String.class, List.of()),
                new Request(document.getString("method"), document.getString("url"), headers,
                        document.getString("body"), document.getBoolean("jsonBody", false),
                        document.getString("username"), document.getString("password")),
                selector(document.getString("consumerName"), document.getString("consumerLabel")),
                selector(document.getString("providerName"), document.getString("providerLabel")),
                document.getDate("createdAt").toInstant(), document.getDate("updatedAt").toInstant());
    }

    private static Selector selector(String name, String label) {
        return name == null && label == null ? null : new Selector(name, label);
    }
}
