package dev.covenant.registry.retention;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Scheduled clean-up ({@code POST /admin/cleanup} needs none of this).
 *
 * @param interval         how often each instance runs the clean-up; unset or zero: never (the default)
 * @param keep             the keep selectors of scheduled runs, as in the request body
 *                         (e.g. {@code covenant.retention.keep[0].mainBranch=true}); required with an interval
 * @param maxVersions      the most versions one run removes (default 500), also the request's default
 * @param pruneHistoryDays events and finished jobs older than this many days are pruned by scheduled runs;
 *                         unset leaves them
 */
@ConfigurationProperties("covenant.retention")
record RetentionProperties(Duration interval, List<Map<String, String>> keep, Integer maxVersions,
        Integer pruneHistoryDays) {

    RetentionProperties {
        interval = interval == null || interval.isNegative() ? Duration.ZERO : interval;
        keep = keep == null ? List.of() : List.copyOf(keep);
        maxVersions = maxVersions == null ? 500 : Math.max(1, Math.min(CleanupRequest.MAX_VERSIONS_LIMIT, maxVersions));
    }

    boolean scheduled() {
        return !interval.isZero();
    }
}
