package dev.covenant.registry.pacts;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * A pact published for one consumer version and one provider.
 *
 * @param sha   the content's verification hash; verifications belong to it
 * @param order the consumer version's creation order
 */
public record PactPublication(String provider, String consumer, String consumerVersion, long order, String sha,
        Instant createdAt, Instant updatedAt) {

    static String id(String provider, String consumer, String consumerVersion) {
        return provider + "|" + consumer + "|" + consumerVersion;
    }

    Document toDocument() {
        return new Document("_id", id(provider, consumer, consumerVersion))
                .append("provider", provider).append("consumer", consumer)
                .append("consumerVersion", consumerVersion).append("order", order).append("sha", sha)
                .append("createdAt", Date.from(createdAt)).append("updatedAt", Date.from(updatedAt));
    }

    static PactPublication from(Document document) {
        return new PactPublication(document.getString("provider"), document.getString("consumer"),
                document.getString("consumerVersion"), ((Number) document.get("order")).longValue(),
                document.getString("sha"), document.getDate("createdAt").toInstant(),
                document.getDate("updatedAt").toInstant());
    }

    /** "Pact between C (1.0.0) and P", as the Pact Broker names it. */
    public String title() {
        return "Pact between " + consumer + " (" + consumerVersion + ") and " + provider;
    }
}
