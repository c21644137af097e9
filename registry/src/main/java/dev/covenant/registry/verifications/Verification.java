package dev.covenant.registry.verifications;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A provider version's verification of a pact's content. It belongs to the content ({@code sha}), so every
 * consumer version that published identical content inherits it.
 *
 * @param id          stable identifier, derived from what was published, so a retried POST is a no-op
 * @param number      sequence number, unique and increasing
 * @param branches    the provider version's branches when it verified
 * @param testResults the verifier's per-interaction results, as sent
 * @param context     what the pact was selected for (pending, wip), decoded from the pact URL's metadata
 */
public record Verification(String id, long number, String provider, String consumer, String sha,
        String providerVersion, long providerOrder, List<String> branches, boolean success, String buildUrl,
        Map<String, Object> verifiedBy, List<Object> testResults, Map<String, Object> context, Instant createdAt) {

    Document toDocument() {
        return new Document("_id", id).append("number", number).append("provider", provider)
                .append("consumer", consumer).append("sha", sha).append("providerVersion", providerVersion)
                .append("providerOrder", providerOrder).append("branches", branches).append("success", success)
                .append("buildUrl", buildUrl).append("verifiedBy", verifiedBy == null ? null : new Document(verifiedBy))
                .append("testResults", testResults).append("context", context == null ? null : new Document(context))
                .append("createdAt", Date.from(createdAt));
    }

    @SuppressWarnings("unchecked")
    static Verification from(Document document) {
        Document verifiedBy = document.get("verifiedBy", Document.class);
        Document context = document.get("context", Document.class);
        return new Verification(document.getString("_id"), ((Number) document.get("number")).longValue(),
                document.getString("provider"), document.getString("consumer"), document.getString("sha"),
                document.getString("providerVersion"), ((Number) document.get("providerOrder")).longValue(),
                document.getList("branches", String.class, List.of()), Boolean.TRUE.equals(document.getBoolean("success")),
                document.getString("buildUrl"), verifiedBy, (List<Object>) document.get("testResults", List.class),
                context, document.getDate("createdAt").toInstant());
    }
}
