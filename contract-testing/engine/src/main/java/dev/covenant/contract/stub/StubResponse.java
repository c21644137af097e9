package dev.covenant.contract.stub;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a stub answers.
 *
 * @param status  the HTTP status
 * @param headers response headers, {@code Content-Type} included when there is a body
 * @param body    the body bytes (empty for none)
 */
public record StubResponse(int status, Map<String, String> headers, byte[] body) {

    public StubResponse {
        headers = Map.copyOf(headers);
    }

    /** The body as UTF-8 text (for tests and logs). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
