package dev.covenant.registry.retention;

import dev.covenant.registry.pacticipants.VersionRef;
import java.util.List;

/**
 * The outcome of a clean-up.
 *
 * @param versions        the versions removed (or, in a dry run, that would be), oldest first
 * @param remaining       further versions no rule keeps, left for a later run by {@code maxVersions}
 * @param pacts           pact publications removed with them (0 in a dry run)
 * @param verifications   verifications removed with them (0 in a dry run)
 * @param events          events pruned (0 in a dry run or without {@code pruneHistoryDays})
 * @param finishedJobs    finished jobs (delivery log entries among them) pruned
 */
record CleanupReport(boolean dryRun, List<VersionRef> versions, long remaining, long pacts, long verifications,
        long events, long finishedJobs) {
}
