package dev.covenant.contract.pact;

import java.util.Map;

/**
 * The response half of an HTTP interaction.
 *
 * @param status  the status code
 * @param headers header name as written → value
 * @param body    the body, or {@code null} when the pact has none
 */
public record HttpResponse(int status, Map<String, String> headers, PactBody body) {

    public HttpResponse {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }
}
