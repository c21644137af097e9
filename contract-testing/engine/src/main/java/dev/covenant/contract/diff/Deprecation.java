package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The verdict on a newly deprecated thing (endpoint, parameter, property), the same for all three: without a
 * deprecation policy ({@link DiffOptions#deprecationDays(Stability)} zero) deprecating is news; with one, the
 * {@code x-sunset} date must be present, readable and at least that many days away.
 */
record Deprecation(Verdict verdict, LocalDate sunset, int requiredDays, String sunsetText) {

    enum Verdict {
        /** Deprecated without a sunset, and no policy asks for one. */
        DEPRECATED,
        /** Deprecated with a sunset date far enough away. */
        WITH_SUNSET,
        /** A policy asks for a sunset date and there is none. */
        SUNSET_MISSING,
        /** The sunset is not a date. */
        SUNSET_INVALID,
        /** The sunset date is sooner than the policy's days. */
        SUNSET_TOO_SOON
    }

    static final String SUNSET = "x-sunset";

    /** Judges {@code node} (which carries {@code x-sunset} if any), deprecated under a policy of {@code days}. */
    static Deprecation judge(JsonNode node, int days, DiffOptions options) {
        JsonNode sunset = node.get(SUNSET);
        if (sunset == null || sunset.isNull()) {
            return new Deprecation(days > 0 ? Verdict.SUNSET_MISSING : Verdict.DEPRECATED, null, days, null);
        }
        LocalDate date = Lifecycle.parseDate(sunset.asText());
        if (date == null) {
            return new Deprecation(Verdict.SUNSET_INVALID, null, days, sunset.asText());
        }
        long left = ChronoUnit.DAYS.between(LocalDate.now(options.clock()), date);
        return new Deprecation(left < days ? Verdict.SUNSET_TOO_SOON : Verdict.WITH_SUNSET, date, days,
                sunset.asText());
    }

    /** The sunset date of a node, or null when it has none or it does not parse. */
    static LocalDate sunsetOf(JsonNode node) {
        JsonNode sunset = node.get(SUNSET);
        return sunset == null || sunset.isNull() ? null : Lifecycle.parseDate(sunset.asText());
    }

    /**
     * How a sunset of something deprecated on both sides changed: {@code "deleted"} when it went away,
     * {@code "too-soon"} when it moved earlier to a date closer than the policy allows, null otherwise.
     */
    static String sunsetChange(JsonNode before, JsonNode after, int days, DiffOptions options) {
        boolean had = before.hasNonNull(SUNSET);
        boolean has = after.hasNonNull(SUNSET);
        if (had && !has) {
            return "deleted";
        }
        LocalDate from = sunsetOf(before);
        LocalDate to = sunsetOf(after);
        if (from != null && to != null && to.isBefore(from)
                && ChronoUnit.DAYS.between(LocalDate.now(options.clock()), to) < days) {
            return "too-soon";
        }
        return null;
    }

    String describe() {
        return switch (verdict) {
            case DEPRECATED -> "was deprecated";
            case WITH_SUNSET -> "was deprecated with sunset date " + sunset;
            case SUNSET_MISSING -> "was deprecated without a sunset date (" + requiredDays + " days required)";
            case SUNSET_INVALID -> "was deprecated with a sunset that is not a date: '" + sunsetText + "'";
            case SUNSET_TOO_SOON -> "was deprecated with sunset date " + sunset + ", sooner than the required "
                    + requiredDays + " days";
        };
    }

    Map<String, Object> details() {
        Map<String, Object> details = new HashMap<>();
        if (sunset != null) {
            details.put("sunset", sunset.toString());
        }
        return details;
    }
}
