package dev.covenant.registry.events;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * A fact the registry recorded. {@code id} is deterministic (derived from what happened), so recording the same
 * fact twice is one event.
 *
 * @param sequence a monotonic number across all instances, in recording order (0 before it is recorded)
 */
public record Event(String id, String type, String application, String version, Map<String, Object> attributes,
        Instant createdAt, long sequence) {

    /** A new event; its id is the type, application, version and the given discriminators joined by '|'. */
    public static Event of(String type, String application, String version, Map<String, Object> attributes,
            String... discriminators) {
        String id = Stream.concat(Stream.of(type, application, version == null ? "" : version),
                Stream.of(discriminators)).collect(Collectors.joining("|"));
        Map<String, Object> present = new java.util.LinkedHashMap<>();
        if (attributes != null) {
            attributes.forEach((name, value) -> {
                if (value != null) {
                    present.put(name, value);
                }
            });
        }
        return new Event(id, type, application, version, java.util.Collections.unmodifiableMap(present), null, 0);
    }

    public String attribute(String name) {
        Object value = attributes.get(name);
        return value == null ? null : value.toString();
    }

    Document toDocument(long sequence, Instant at) {
        return new Document("_id", id).append("type", type).append("application", application)
                .append("version", version).append("attributes", new Document(attributes))
                .append("createdAt", Date.from(at)).append("sequence", sequence);
    }

    static Event from(Document document) {
        Document attributes = document.get("attributes", Document.class);
        return new Event(document.getString("_id"), document.getString("type"), document.getString("application"),
                document.getString("version"), attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(attributes),
                document.getDate("createdAt").toInstant(), ((Number) document.get("sequence")).longValue());
    }
}
