package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Deprecation, sunset ({@code x-sunset}) and stability ({@code x-stability-level}) of operations. Removing
 * an operation is only compatible after it was deprecated and its sunset date has passed; operations below
 * {@link DiffOptions#minimumStability()} (draft and alpha by default) may go at any time.
 */
final class Lifecycle {

    private static final List<String> STABILITY = List.of("draft", "alpha", "beta", "stable");

    private Lifecycle() {
    }

    static void removed(DiffContext context, boolean wholePath, String method, String path, JsonNode operation,
                        String pointer) {
        String name = PathsDiff.operationName(method, path);
        String prefix = wholePath ? "api-path-removed" : "api-removed";
        if (!context.options().promised(stabilityOf(operation))) {
            return; // below the minimum stability level: no compatibility promise
        }
        if (!operation.path("deprecated").asBoolean(false)) {
            context.sink().add(prefix + "-without-deprecation", name, pointer, null,
                    "endpoint " + name + " was removed without deprecation");
            return;
        }
        JsonNode sunset = operation.get("x-sunset");
        if (sunset == null) {
            context.sink().add(prefix + "-with-deprecation", name, pointer, null,
                    "deprecated endpoint " + name + " was removed");
            return;
        }
        LocalDate date = parseDate(sunset.asText());
        if (date == null) {
            context.sink().add(wholePath ? "api-path-sunset-parse" : "api-deprecated-sunset-parse", name,
                    pointer + "/x-sunset", null, "cannot parse the sunset date '" + sunset.asText() + "'");
        } else if (date.isAfter(LocalDate.now(context.options().clock()))) {
            context.sink().add(prefix + "-before-sunset", name, pointer, null,
                    "endpoint " + name + " was removed before its sunset date " + date,
                    Map.of("sunset", date.toString()));
        } else {
            context.sink().add(prefix + "-with-deprecation", name, pointer, null,
                    "deprecated endpoint " + name + " was removed after its sunset date " + date);
        }
    }

    static void compare(DiffContext context, String name, OperationDiff.Side base, OperationDiff.Side revision) {
        JsonNode from = base.operation();
        JsonNode to = revision.operation();
        boolean wasDeprecated = from.path("deprecated").asBoolean(false);
        boolean isDeprecated = to.path("deprecated").asBoolean(false);
        if (!wasDeprecated && isDeprecated) {
            deprecated(context, name, revision);
        } else if (wasDeprecated && !isDeprecated) {
            context.sink().add("endpoint-reactivated", name, base.pointer(), revision.pointer(),
                    "endpoint " + name + " is no longer deprecated");
        } else if (isDeprecated) {
            sunsetChanged(context, name, base, revision);
        }
        stability(context, name, base, revision);
        text(context, name, base, revision, "operationId", "api-operation-id");
        tags(context, name, base, revision);
    }

    /** A deprecated endpoint's sunset date removed, or moved earlier than the deprecation policy allows. */
    private static void sunsetChanged(DiffContext context, String name, OperationDiff.Side base,
                                      OperationDiff.Side revision) {
        int days = context.options().deprecationDays(stabilityOf(revision.operation()));
        String change = Deprecation.sunsetChange(base.operation(), revision.operation(), days, context.options());
        if ("deleted".equals(change)) {
            context.sink().add("sunset-deleted", name, base.pointer() + "/x-sunset", revision.pointer(),
                    "the sunset date of deprecated endpoint " + name + " was removed");
        } else if ("too-soon".equals(change)) {
            LocalDate to = Deprecation.sunsetOf(revision.operation());
            context.sink().add("api-sunset-date-changed-too-small", name, base.pointer() + "/x-sunset",
                    revision.pointer() + "/x-sunset", "the sunset date of " + name + " moved earlier, to " + to
                            + ", sooner than the required " + days + " days",
                    Map.of("from", String.valueOf(Deprecation.sunsetOf(base.operation())), "to", to.toString()));
        }
    }

    private static void deprecated(DiffContext context, String name, OperationDiff.Side revision) {
        JsonNode sunset = revision.operation().get("x-sunset");
        int days = context.options().deprecationDays(stabilityOf(revision.operation()));
        if (sunset == null) {
            if (days > 0) {
                context.sink().add("api-deprecated-sunset-missing", name, null, revision.pointer(),
                        "endpoint " + name + " was deprecated without a sunset date");
            } else {
                context.sink().add("endpoint-deprecated", name, null, revision.pointer(),
                        "endpoint " + name + " was deprecated");
            }
            return;
        }
        LocalDate date = parseDate(sunset.asText());
        if (date == null) {
            context.sink().add("api-deprecated-sunset-parse", name, null, revision.pointer() + "/x-sunset",
                    "cannot parse the sunset date '" + sunset.asText() + "'");
            return;
        }
        long left = ChronoUnit.DAYS.between(LocalDate.now(context.options().clock()), date);
        if (left < days) {
            context.sink().add("api-sunset-date-too-small", name, null, revision.pointer() + "/x-sunset",
                    "sunset date " + date + " is sooner than the required " + days + " days",
                    Map.of("sunset", date.toString(), "days", days));
        } else {
            context.sink().add("endpoint-deprecated-with-sunset", name, null, revision.pointer(),
                    "endpoint " + name + " was deprecated with sunset date " + date, Map.of("sunset", date.toString()));
        }
    }

    private static void stability(DiffContext context, String name, OperationDiff.Side base,
                                  OperationDiff.Side revision) {
        String from = base.operation().path("x-stability-level").asText("stable");
        String to = revision.operation().path("x-stability-level").asText("stable");
        if (!STABILITY.contains(to)) {
            context.sink().add("api-invalid-stability-level", name, null, revision.pointer() + "/x-stability-level",
                    "invalid stability level '" + to + "'");
            return;
        }
        int order = Integer.compare(STABILITY.indexOf(to), STABILITY.indexOf(from));
        if (order != 0 && STABILITY.contains(from)) {
            context.sink().add(order < 0 ? "api-stability-decreased" : "api-stability-increased", name,
                    base.pointer(), revision.pointer(), "stability level changed from " + from + " to " + to,
                    Map.of("from", from, "to", to));
        }
    }

    /** An operation's {@code x-stability-level}; stable when absent or not a known level. */
    static Stability stabilityOf(JsonNode operation) {
        return Stability.parse(operation.path("x-stability-level").asText("stable")).orElse(Stability.STABLE);
    }

    private static void text(DiffContext context, String name, OperationDiff.Side base, OperationDiff.Side revision,
                             String field, String rulePrefix) {
        JsonNode from = base.operation().get(field);
        JsonNode to = revision.operation().get(field);
        if (from == null && to != null) {
            context.sink().add(rulePrefix + "-added", name, null, revision.pointer() + "/" + field,
                    field + " " + to.asText() + " was added");
        } else if (from != null && to == null) {
            context.sink().add(rulePrefix + "-removed", name, base.pointer() + "/" + field, null,
                    field + " " + from.asText() + " was removed");
        }
    }

    private static void tags(DiffContext context, String name, OperationDiff.Side base, OperationDiff.Side revision) {
        JsonNode from = base.operation().path("tags");
        JsonNode to = revision.operation().path("tags");
        if (from.equals(to)) {
            return;
        }
        for (JsonNode tag : from) {
            if (!contains(to, tag)) {
                context.sink().add("api-tag-removed", name, base.pointer() + "/tags", revision.pointer(),
                        "tag " + tag.asText() + " was removed", Map.of("tag", tag.asText()));
            }
        }
        for (JsonNode tag : to) {
            if (!contains(from, tag)) {
                context.sink().add("api-tag-added", name, base.pointer(), revision.pointer() + "/tags",
                        "tag " + tag.asText() + " was added", Map.of("tag", tag.asText()));
            }
        }
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode item : array) {
            if (item.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** A sunset date: a plain date or an RFC 3339 timestamp; null when it is neither. */
    static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(text).toLocalDate();
            } catch (DateTimeParseException notATimestamp) {
                return null;
            }
        }
    }
}
