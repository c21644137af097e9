package dev.covenant.contract.stub;

import java.util.List;
import java.util.Map;

/**
 * A request to a stub, as any HTTP server hands it over.
 *
 * @param method  the HTTP method
 * @param path    the path below the stub's base, starting with {@code /}
 * @param query   decoded query parameters, each with all its values, in order
 * @param headers header name → value (repeated headers joined with {@code ", "})
 * @param body    the body bytes (empty when there is none)
 */
public record StubRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                          byte[] body) {

    public StubRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A header by case-insensitive name, or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
