package dev.covenant.registry.ui.model;

import dev.covenant.registry.checks.Report;
import dev.covenant.registry.checks.ReportStore;
import dev.covenant.registry.notifications.Deliveries;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one place the UI reads what checks and notifications (issue 5) record: compatibility reports and webhook
 * deliveries, by calling their services in process (reports as their records, {@link Report}; deliveries as the
 * view their HTTP API lists, see docs/design/contracts-between-parts.md), so no request goes back over HTTP and no
 * credentials are passed on.
 * When a read fails, it answers an unavailable {@link Feed} and the pages say nothing could be read. The live
 * event stream is read by the browser itself ({@code /events/stream}, see ui/assets/live.js).
 */
@Component
public class ActivityReader {

    private static final Logger LOG = LoggerFactory.getLogger(ActivityReader.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Deliveries listed on the notification page. */
    static final int DELIVERIES_LISTED = 100;

    /**
     * What a read found.
     *
     * @param available false when the backing store did not answer
     */
    public record Feed<T>(boolean available, List<T> items) {

        static <T> Feed<T> unavailable() {
            return new Feed<>(false, List.of());
        }
    }

    /** The catalog asks for every report on each render; a few seconds old is fresh enough for a status column. */
    private static final Duration ALL_REPORTS_TTL = Duration.ofSeconds(5);

    private final ReportStore reports;
    private final Deliveries deliveries;
    private final Mono<Feed<Report>> allReports;

    ActivityReader(ReportStore reports, Deliveries deliveries) {
        this.reports = reports;
        this.deliveries = deliveries;
        this.allReports = reports(null, null).cache(feed -> ALL_REPORTS_TTL, e -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** Every compatibility report (for the catalog's status column), cached for a few seconds. */
    public Mono<Feed<Report>> allReports() {
        return allReports;
    }

    /** Compatibility reports, newest first; filters may be null. */
    public Mono<Feed<Report>> reports(String application, String version) {
        return feed("reports", Flux.defer(() -> reports.list(application, version)));
    }

    /** One compatibility report, empty when there is none with that id; an error when the store does not answer. */
    public Mono<Report> report(String id) {
        return Mono.defer(() -> reports.find(id)).timeout(TIMEOUT);
    }

    /** Webhook deliveries, optionally only those with a status (parked, delivered, pending). */
    public Mono<Feed<Map<String, Object>>> deliveries(String status) {
        return feed("deliveries", Flux.defer(() -> deliveries.views(status, DELIVERIES_LISTED)));
    }

    /** Asks for a parked delivery to be sent again; true when it was parked and is queued again. */
    public Mono<Boolean> replay(String id) {
        return Mono.defer(() -> deliveries.replayParked(id))
                .timeout(TIMEOUT)
                .doOnError(e -> LOG.warn("Replaying delivery {} failed: {}", id, e.toString()))
                .onErrorReturn(false);
    }

    private static <T> Mono<Feed<T>> feed(String what, Flux<T> items) {
        return items.collectList()
                .map(list -> new Feed<>(true, list))
                .timeout(TIMEOUT)
                .doOnError(e -> LOG.warn("Reading {} for the UI failed: {}", what, e.toString()))
                .onErrorReturn(Feed.<T>unavailable());
    }
}
