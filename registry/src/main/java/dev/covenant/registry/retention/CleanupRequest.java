package dev.covenant.registry.retention;

import dev.covenant.registry.system.InvalidRequestException;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A validated clean-up: what to keep, whether to only list what would go, how many versions at most, and the age
 * past which events and finished jobs (the delivery log) are pruned.
 *
 * @param maxVersions      the most versions removed by this run (the oldest first); the rest wait for the next
 * @param pruneHistoryDays events and finished jobs older than this many days go; null leaves them
 */
record CleanupRequest(List<KeepSelector> keep, boolean dryRun, int maxVersions, Integer pruneHistoryDays) {

    static final int MAX_VERSIONS_LIMIT = 10_000;
    private static final Set<String> FIELDS = Set.of("keep", "dryRun", "maxVersions", "pruneHistoryDays");

    static CleanupRequest parse(JsonNode body, int defaultMaxVersions) {
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new InvalidRequestException(name, "unknown field; a clean-up has " + FIELDS);
            }
        }
        List<KeepSelector> keep = KeepSelector.parseAll(body.get("keep"));
        JsonNode dryRun = body.get("dryRun");
        if (dryRun != null && !dryRun.isNull() && !dryRun.isBoolean()) {
            throw new InvalidRequestException("dryRun", "dryRun must be true or false");
        }
        int maxVersions = whole(body.get("maxVersions"), "maxVersions", 1, MAX_VERSIONS_LIMIT, defaultMaxVersions);
        JsonNode days = body.get("pruneHistoryDays");
        Integer pruneHistoryDays = days == null || days.isNull() ? null
                : whole(days, "pruneHistoryDays", 1, 36_500, 0);
        return new CleanupRequest(keep, dryRun != null && dryRun.asBoolean(false), maxVersions, pruneHistoryDays);
    }

    private static int whole(JsonNode node, String field, int min, int max, int otherwise) {
        if (node == null || node.isNull()) {
            return otherwise;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            throw new InvalidRequestException(field, field + " must be a whole number from " + min + " to " + max);
        }
        return node.asInt();
    }
}
