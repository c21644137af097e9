package dev.covenant.registry.changelog;

import dev.covenant.contract.diff.Changelog;
import dev.covenant.registry.specs.ProviderContract;
import java.time.Instant;

/**
 * One version in an application's timeline.
 *
 * @param previousVersion the version this document replaced; null for the first document
 * @param changes         its changes from that version; null for the first document
 */
public record TimelineEntry(String version, String branch, String apiVersion, Instant publishedAt,
        String previousVersion, Changelog changes) {

    static TimelineEntry of(ProviderContract contract, String previousVersion, Changelog changes) {
        return new TimelineEntry(contract.version(), contract.branch(), contract.apiVersion(), contract.publishedAt(),
                previousVersion, changes);
    }

    /** Whether this version broke clients of the one it replaced. */
    public boolean breaking() {
        return changes != null && changes.breaking();
    }
}
