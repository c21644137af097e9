package dev.covenant.contract.pact;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request or response body as the pact gives it.
 *
 * @param content     JSON bodies as parsed JSON, anything else as a text node (V4 content as written)
 * @param contentType the V4 {@code contentType}, or {@code null} for older pacts
 * @param encoded     true when the V4 body is base64 (or otherwise) encoded
 */
public record PactBody(JsonNode content, String contentType, boolean encoded) {

    /** True for bodies a JavaScript consumer would treat as absent: an empty string. */
    public boolean isEmptyText() {
        return content.isTextual() && content.asText().isEmpty();
    }
}
