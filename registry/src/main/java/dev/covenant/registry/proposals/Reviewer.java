package dev.covenant.registry.proposals;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bson.Document;

/**
 * A team asked to review a proposal, and where it stands.
 *
 * @param required  whether the proposal needs its approval (else it is informed)
 * @param revision  the revision its decision was made on (0 while it has decided nothing)
 * @param approved  the fingerprints of the breaking findings concerning it that it approved
 * @param actor     who decided for the team (a token name; an admin acting for a team is named as such)
 */
record Reviewer(String team, boolean required, Decision decision, int revision, Instant at, List<String> approved,
        String actor) {

    /** A reviewer's state. */
    enum Decision {
        PENDING, APPROVED, CHANGES_REQUESTED;

        String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Decision fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    static Reviewer pending(String team, boolean required) {
        return new Reviewer(team, required, Decision.PENDING, 0, null, List.of(), null);
    }

    Reviewer withRequired(boolean isRequired) {
        return new Reviewer(team, isRequired, decision, revision, at, approved, actor);
    }

    Reviewer reset() {
        return new Reviewer(team, required, Decision.PENDING, 0, null, List.of(), null);
    }

    boolean approvedIt() {
        return decision == Decision.APPROVED;
    }

    Document toDocument() {
        return new Document("team", team).append("required", required).append("decision", decision.wire())
                .append("revision", revision).append("at", at == null ? null : Date.from(at))
                .append("approved", approved).append("actor", actor);
    }

    static Reviewer from(Document d) {
        return new Reviewer(d.getString("team"), Boolean.TRUE.equals(d.getBoolean("required")),
                Decision.fromWire(d.getString("decision")), d.getInteger("revision", 0),
                d.getDate("at") == null ? null : d.getDate("at").toInstant(),
                d.getList("approved", String.class, List.of()), d.getString("actor"));
    }
}
