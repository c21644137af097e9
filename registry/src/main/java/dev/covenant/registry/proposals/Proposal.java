package dev.covenant.registry.proposals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bson.Document;

/**
 * An OpenAPI document proposed for an application, its revisions, the teams asked to review it, and the thread.
 * Stored whole in {@code proposals} ({@code _id} = id); {@code version} guards every update (compare and set).
 *
 * @param team     the proposing team (null in open mode when none was named)
 * @param owner    the team owning the application when it was proposed (null: none)
 * @param named    the teams the proposer asked to review
 * @param requests the requests already applied (idempotency keys), so a retried write changes nothing
 */
record Proposal(String id, String application, String title, String description, Status status, String team,
        String owner, List<String> named, List<Revision> revisions, List<Reviewer> reviewers, List<Comment> comments,
        List<String> requests, Instant createdAt, Instant closedAt, long version) {

    /** Where a proposal stands. */
    enum Status {
        OPEN, AGREED, WITHDRAWN;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    static String path(String id) {
        return "/proposals/" + id;
    }

    Revision current() {
        return revisions.get(revisions.size() - 1);
    }

    Revision revision(int number) {
        return revisions.get(number - 1);
    }

    boolean open() {
        return status == Status.OPEN;
    }

    boolean handled(String request) {
        return requests.contains(request);
    }

    /** The reviewer entry of a team, or null. */
    Reviewer reviewer(String reviewerTeam) {
        return reviewers.stream().filter(r -> r.team().equals(reviewerTeam)).findFirst().orElse(null);
    }

    Proposal withRevision(Revision revision, List<Reviewer> newReviewers) {
        List<Revision> all = new ArrayList<>(revisions);
        all.add(revision);
        return new Proposal(id, application, title, description, status, team, owner, named, List.copyOf(all),
                newReviewers, comments, requests, createdAt, closedAt, version);
    }

    Proposal withReviewers(List<Reviewer> newReviewers) {
        return new Proposal(id, application, title, description, status, team, owner, named, revisions, newReviewers,
                comments, requests, createdAt, closedAt, version);
    }

    Proposal withComment(Comment comment) {
        List<Comment> all = new ArrayList<>(comments);
        all.add(comment);
        return new Proposal(id, application, title, description, status, team, owner, named, revisions, reviewers,
                List.copyOf(all), requests, createdAt, closedAt, version);
    }

    Proposal withRequest(String request) {
        List<String> all = new ArrayList<>(requests);
        all.add(request);
        return new Proposal(id, application, title, description, status, team, owner, named, revisions, reviewers,
                comments, List.copyOf(all), createdAt, closedAt, version);
    }

    Proposal closed(Status newStatus, Instant at) {
        return new Proposal(id, application, title, description, newStatus, team, owner, named, revisions, reviewers,
                comments, requests, createdAt, at, version);
    }

    Document toDocument() {
        return new Document("_id", id).append("application", application).append("title", title)
                .append("description", description).append("status", status.wire()).append("team", team)
                .append("owner", owner).append("named", named)
                .append("revisions", revisions.stream().map(Revision::toDocument).toList())
                .append("reviewers", reviewers.stream().map(Reviewer::toDocument).toList())
                .append("comments", comments.stream().map(Comment::toDocument).toList())
                .append("requests", requests).append("createdAt", Date.from(createdAt))
                .append("closedAt", closedAt == null ? null : Date.from(closedAt)).append("version", version);
    }

    static Proposal from(Document d) {
        return new Proposal(d.getString("_id"), d.getString("application"), d.getString("title"),
                d.getString("description"), Status.fromWire(d.getString("status")), d.getString("team"),
                d.getString("owner"), d.getList("named", String.class, List.of()),
                d.getList("revisions", Document.class, List.of()).stream().map(Revision::from).toList(),
                d.getList("reviewers", Document.class, List.of()).stream().map(Reviewer::from).toList(),
                d.getList("comments", Document.class, List.of()).stream().map(Comment::from).toList(),
                d.getList("requests", String.class, List.of()), d.getDate("createdAt").toInstant(),
                d.getDate("closedAt") == null ? null : d.getDate("closedAt").toInstant(),
                ((Number) d.get("version")).longValue());
    }
}
