package dev.covenant.registry.events;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * A fact the registry recorded. {@code id} is deterministic (derived from what happened), so recording the same
 * fact twice is one event.
 *
 * @param payload  what happened, one record per kind of event
 * @param sequence a monotonic number across all instances, in recording order (0 before it is recorded)
 */
public record Event(String id, String application, String version, EventPayload payload, Instant createdAt,
        long sequence) {

    public Event {
        Objects.requireNonNull(payload, "payload");
    }

    /** A new event; its id is the type, application, version and the given discriminators joined by '|'. */
    public static Event of(String application, String version, EventPayload payload, String... discriminators) {
        String id = Stream.concat(Stream.of(payload.type(), application, version == null ? "" : version),
                Stream.of(discriminators)).collect(Collectors.joining("|"));
        return new Event(id, application, version, payload, null, 0);
    }

    /** The event's type ({@link EventTypes}). */
    public String type() {
        return payload.type();
    }

    /** The applications the event names: its own, then the other side of a pact or verification. */
    public Stream<String> applications() {
        return Stream.concat(Stream.of(application), payload.related()).filter(Objects::nonNull);
    }

    /** The payload in its stored (and webhook) shape, for rendering only; code reads {@link #payload()}. */
    public Map<String, Object> attributes() {
        return java.util.Collections.unmodifiableMap(EventCodec.toDocument(payload));
    }

    Document toDocument(long sequence, Instant at) {
        return new Document("_id", id).append("type", type()).append("application", application)
                .append("version", version).append("attributes", EventCodec.toDocument(payload))
                .append("createdAt", Date.from(at)).append("sequence", sequence);
    }

    static Event from(Document document) {
        return new Event(document.getString("_id"), document.getString("application"), document.getString("version"),
                EventCodec.fromDocument(document.getString("type"), document.get("attributes", Document.class)),
                document.getDate("createdAt").toInstant(), ((Number) document.get("sequence")).longValue());
    }
}
