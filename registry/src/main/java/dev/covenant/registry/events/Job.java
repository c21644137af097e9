package dev.covenant.registry.events;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A unit of durable background work. {@code id} is the idempotency key: enqueuing the same id twice is one job.
 *
 * @param status   pending (waiting for {@code runAt}), running (leased), done, or parked (out of attempts)
 * @param attempts attempts started so far
 * @param history  one entry per attempt: when, how long, outcome and error
 * @param leaseUntil until when the worker running it holds it (null when not running)
 */
public record Job(String id, String type, Document payload, Status status, int attempts, Instant runAt,
        Instant createdAt, Instant finishedAt, String lastError, List<Attempt> history, Instant leaseUntil) {

    public Job(String id, String type, Document payload, Status status, int attempts, Instant runAt, Instant createdAt,
            Instant finishedAt, String lastError, List<Attempt> history) {
        this(id, type, payload, status, attempts, runAt, createdAt, finishedAt, lastError, history, null);
    }

    public enum Status {
        PENDING, RUNNING, DONE, PARKED;

        String stored() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(String stored) {
            return valueOf(stored.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** One attempt at a job. {@code outcome} is "ok" or "error"; {@code detail} says what happened (e.g. HTTP status). */
    public record Attempt(int number, Instant startedAt, long durationMillis, String outcome, String detail) {

        Document toDocument() {
            return new Document("number", number).append("startedAt", Date.from(startedAt))
                    .append("durationMillis", durationMillis).append("outcome", outcome).append("detail", detail);
        }

        static Attempt from(Document document) {
            return new Attempt(document.getInteger("number", 0), instant(document, "startedAt"),
                    ((Number) document.get("durationMillis", 0L)).longValue(), document.getString("outcome"),
                    document.getString("detail"));
        }
    }

    /** A new job to enqueue. */
    public static Job of(String id, String type, Document payload) {
        return new Job(id, type, payload, Status.PENDING, 0, null, null, null, null, List.of());
    }

    static Job from(Document document) {
        return new Job(document.getString("_id"), document.getString("type"),
                document.get("payload", Document.class), Status.of(document.getString("status")),
                document.getInteger("attempts", 0), instant(document, "runAt"), instant(document, "createdAt"),
                instant(document, "finishedAt"), document.getString("lastError"),
                document.getList("history", Document.class, List.of()).stream().map(Attempt::from).toList(),
                instant(document, "leaseUntil"));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
