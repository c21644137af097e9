package dev.covenant.registry.notifications;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/** An HTTP request to send to a webhook receiver, as rendered when the event was handled (no secrets in it). */
public record OutboundRequest(String method, String url, Map<String, String> headers, String body) {

    /** Headers whose values are credentials: stored and sent, but shown as {@code **********}. */
    static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "x-api-key", "api-key",
            "x-auth-token", "cookie");
    public static final String REDACTED = "**********";

    public OutboundRequest {
        method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    Document toDocument() {
        return new Document("method", method).append("url", url).append("headers", new Document(new LinkedHashMap<>(headers)))
                .append("body", body);
    }

    static OutboundRequest from(Document document) {
        Document headers = document.get("headers", Document.class);
        Map<String, String> map = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> map.put(name, String.valueOf(value)));
        }
        return new OutboundRequest(document.getString("method"), document.getString("url"), map,
                document.getString("body"));
    }

    /** The headers with credential values replaced, for logs and API responses. */
    public Map<String, String> redactedHeaders() {
        Map<String, String> redacted = new LinkedHashMap<>();
        headers.forEach((name, value) -> redacted.put(name, isSecret(name) ? REDACTED : value));
        return redacted;
    }

    public static boolean isSecret(String header) {
        String lower = header.toLowerCase(Locale.ROOT);
        return SECRET_HEADERS.contains(lower) || lower.contains("token") || lower.contains("secret")
                || lower.contains("signature");
    }
}
