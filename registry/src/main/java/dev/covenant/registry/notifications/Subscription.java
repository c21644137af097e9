package dev.covenant.registry.notifications;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A team's webhook: where its notifications go and in which format.
 *
 * @param secret the HMAC key the JSON payload is signed with (null: unsigned); never shown
 * @param events event types beyond the default {@code compatibility.checked} (empty: just that one)
 */
public record Subscription(String id, String team, String url, Format format, String secret, List<String> events,
        Instant createdAt) {

    /** The payload shapes a subscription can ask for. */
    public enum Format {
        JSON, SLACK;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    Document toDocument() {
        return new Document("_id", id).append("team", team).append("url", url).append("format", format.wire())
                .append("secret", secret).append("events", events).append("createdAt", Date.from(createdAt));
    }

    static Subscription from(Document document) {
        return new Subscription(document.getString("_id"), document.getString("team"), document.getString("url"),
                Format.valueOf(document.getString("format").toUpperCase(java.util.Locale.ROOT)),
                document.getString("secret"), document.getList("events", String.class, List.of()),
                document.getDate("createdAt").toInstant());
    }
}
