package dev.covenant.registry.pacts;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import java.util.Base64;
import java.util.Map;

/**
 * The opaque {@code /metadata/{m}} path segment of pact URLs handed out by for-verification: base64url of a small
 * JSON object describing why the pact was selected, carried into the verification-results URL so the result
 * knows its pending/WIP context. Clients never look inside.
 */
public final class PactMetadata {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final int MAX_LENGTH = 8192;

    private PactMetadata() {
    }

    public static String encode(Map<String, Object> context) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(context));
    }

    /** The context, or an empty map when the segment is absent or not ours (it is only informational). */
    public static Map<String, Object> decode(String metadata) {
        if (metadata == null || metadata.isEmpty() || metadata.length() > MAX_LENGTH) {
            return Map.of();
        }
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(metadata), new TypeReference<Map<String, Object>>() { });
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            return Map.of();
        }
    }
}
