package dev.covenant.contract.pact;

import java.util.List;
import java.util.Map;

/**
 * The request half of an HTTP interaction.
 *
 * @param method  upper-case HTTP method
 * @param path    the path as written (may lack a leading slash)
 * @param query   parameters in order, each with all its values (V2 query strings are decoded into this form)
 * @param headers header name as written → value (multiple values joined with {@code ", "})
 * @param body    the body, or {@code null} when the pact has none
 */
public record HttpRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                          PactBody body) {

    public HttpRequest {
        query = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(query));
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }
}
