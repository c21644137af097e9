package dev.covenant.registry.system;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** HAL responses as the Pact clients expect them: {@code application/hal+json;charset=utf-8}. */
public final class Hal {

    public static final MediaType HAL_JSON = MediaType.parseMediaType("application/hal+json;charset=utf-8");

    private Hal() {
    }

    public static ResponseEntity<Map<String, Object>> ok(Map<String, Object> body) {
        return ResponseEntity.ok().contentType(HAL_JSON).body(body);
    }

    /** A HAL collection: the items embedded under {@code relation}, and a self link. */
    public static ResponseEntity<Map<String, Object>> collection(String relation, java.util.List<?> items,
            String selfHref) {
        // Ordered, so that the served JSON is the same on every run (Map.of iterates in a per-JVM order).
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("_embedded", Map.of(relation, items));
        body.put("_links", Map.of("self", Links.link(selfHref)));
        return ok(body);
    }

    public static ResponseEntity<Map<String, Object>> status(HttpStatus status, Map<String, Object> body) {
        return ResponseEntity.status(status).contentType(HAL_JSON).body(body);
    }
}
