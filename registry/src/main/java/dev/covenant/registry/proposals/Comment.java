package dev.covenant.registry.proposals;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * A remark on a proposal, shown against the revision it was made on; a review's comment carries its decision.
 *
 * @param id          the request that made it (an {@code Idempotency-Key}, or derived), so a retry adds nothing
 * @param decision    the review decision it came with, or null for a plain comment
 * @param operation   the operation it is about ({@code GET /items/{id}}), or null
 * @param fingerprint the finding it is about, or null
 */
record Comment(String id, String team, int revision, String text, String decision, String operation,
        String fingerprint, Instant at, String actor) {

    Document toDocument() {
        return new Document("id", id).append("team", team).append("revision", revision).append("text", text)
                .append("decision", decision).append("operation", operation).append("fingerprint", fingerprint)
                .append("at", Date.from(at)).append("actor", actor);
    }

    static Comment from(Document d) {
        return new Comment(d.getString("id"), d.getString("team"), d.getInteger("revision", 0), d.getString("text"),
                d.getString("decision"), d.getString("operation"), d.getString("fingerprint"),
                d.getDate("at").toInstant(), d.getString("actor"));
    }
}
