package dev.covenant.registry.specs;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * An OpenAPI document published for one provider version.
 *
 * @param sha256       content address of the normalized document
 * @param rawId        content id of the bytes as published
 * @param contentType  the media type it was published with
 * @param selfVerified the provider's own verification result sent with the publish (PactFlow), or null
 */
public record ProviderContract(String application, String version, String sha256, String rawId, String contentType,
        String format, String specVersion, String title, String apiVersion, long size, Instant publishedAt,
        String branch, List<String> tags, String buildUrl, long order, SelfVerification selfVerified) {

    /** The provider's own verification of its document (e.g. by Dredd or Schemathesis) as sent on publish. */
    public record SelfVerification(boolean success, String verifier, String verifierVersion, String format,
            String contentType, String content) {

        Document toDocument() {
            return new Document("success", success).append("verifier", verifier)
                    .append("verifierVersion", verifierVersion).append("format", format)
                    .append("contentType", contentType).append("content", content);
        }

        static SelfVerification from(Document document) {
            return document == null ? null : new SelfVerification(Boolean.TRUE.equals(document.getBoolean("success")),
                    document.getString("verifier"), document.getString("verifierVersion"),
                    document.getString("format"), document.getString("contentType"), document.getString("content"));
        }
    }

    static String id(String application, String version) {
        return application + "|" + version;
    }

    Document toDocument() {
        return new Document("_id", id(application, version))
                .append("app", application).append("version", version)
                .append("sha256", sha256).append("rawId", rawId).append("contentType", contentType)
                .append("format", format).append("specVersion", specVersion).append("title", title)
                .append("apiVersion", apiVersion).append("size", size)
                .append("publishedAt", Date.from(publishedAt)).append("branch", branch).append("tags", tags)
                .append("buildUrl", buildUrl).append("order", order)
                .append("selfVerification", selfVerified == null ? null : selfVerified.toDocument());
    }

    static ProviderContract from(Document document) {
        return new ProviderContract(document.getString("app"), document.getString("version"),
                document.getString("sha256"), document.getString("rawId"), document.getString("contentType"),
                document.getString("format"), document.getString("specVersion"), document.getString("title"),
                document.getString("apiVersion"), ((Number) document.get("size")).longValue(),
                document.getDate("publishedAt").toInstant(), document.getString("branch"),
                document.getList("tags", String.class, List.of()), document.getString("buildUrl"),
                ((Number) document.get("order")).longValue(),
                SelfVerification.from(document.get("selfVerification", Document.class)));
    }
}
