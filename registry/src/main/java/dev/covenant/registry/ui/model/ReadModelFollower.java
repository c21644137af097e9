package dev.covenant.registry.ui.model;

import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.events.EventPayload;
import dev.covenant.registry.storage.StorageProperties;
import dev.covenant.registry.ui.UiProperties;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Keeps the {@link ReadModel} current with what no listener of this instance sees: it builds the model at start-up,
 * then reads the event log every {@link UiProperties#followInterval()} and re-indexes the applications that events
 * of other instances name; this instance's own deployments and releases (recorded, undeployed, support ended)
 * change which versions run, so they re-index the search's running versions of that application.
 */
@Component
class ReadModelFollower implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelFollower.class);
    /** Events read per poll of the log. */
    static final int FOLLOW_PAGE = 500;
    /**
     * Sequence numbers are taken before an event is written, so one with a lower number can appear after a
     * higher one: each poll looks back this far and skips the sequences it has handled.
     */
    static final long FOLLOW_LOOKBACK = 64;

    private final ReadModel model;
    private final EventLog events;
    private final Duration followInterval;
    /** The highest event sequence handled; events after it (and a little before) are read on the next poll. */
    private final AtomicLong followed = new AtomicLong(-1);
    private final Set<Long> handled = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > 10_000;
        }
    }));
    /**
     * Applications to index once more when the stores' read caches may still have served this instance a value
     * from before the other instance's write ({@code covenant.storage.read-cache-ttl}): name → due (nanoTime).
     */
    private final Map<String, Long> recheck = new ConcurrentHashMap<>();
    private final long recheckAfterNanos;
    /** Applications whose running versions changed on this instance, re-indexed one at a time. */
    private final Sinks.Many<String> runningChanged = Sinks.many().unicast().onBackpressureBuffer();
    private volatile Disposable rebuild;
    private volatile Disposable following;
    private volatile Disposable own;
    private volatile Disposable running;

    ReadModelFollower(ReadModel model, EventLog events, UiProperties properties, StorageProperties storage) {
        this.model = model;
        this.events = events;
        this.followInterval = properties.followInterval();
        this.recheckAfterNanos = storage.readCacheTtl().toNanos();
    }

    @EventListener(ApplicationReadyEvent.class)
    void startRebuild() {
        // This instance's own events already reached the listeners: the poll skips them.
        own = events.live().subscribe(this::ownEvent);
        running = runningChanged.asFlux()
                .concatMap(model::reindexRunning)
                .subscribe(null, error -> LOG.warn("Following deployments for the UI search stopped: {}",
                        error.toString()));
        // Background work at start-up, not in a request path: pages say "being built" until it completes. The
        // log position is taken first, so whatever is written during the rebuild is read again by the poll.
        rebuild = newestSequence()
                .doOnNext(followed::set)
                .then(model.rebuild())
                .doFinally(signal -> startFollowing())
                .subscribe(null, error -> LOG.warn("Building the UI index failed: {}", error.toString()));
    }

    private void ownEvent(Event event) {
        handled.add(event.sequence());
        if (event.payload() instanceof EventPayload.DeploymentRecorded
                || event.payload() instanceof EventPayload.ReleaseRecorded
                || event.payload() instanceof EventPayload.DeploymentEnded
                || event.payload() instanceof EventPayload.ReleaseSupportEnded
                || event.payload() instanceof EventPayload.ContractPublished) {
            runningChanged.tryEmitNext(event.application());
        }
    }

    private void startFollowing() {
        if (followInterval.isZero() || followInterval.isNegative()) {
            return;
        }
        following = Flux.interval(followInterval, followInterval)
                .onBackpressureDrop()
                .concatMap(tick -> followEvents()
                        .onErrorResume(e -> {
                            LOG.warn("Following the event log for the UI index failed: {}", e.toString());
                            return Mono.just(0);
                        }), 1)
                .subscribe();
    }

    @Override
    public void destroy() {
        Stream.of(rebuild, following, own, running).filter(Objects::nonNull).forEach(Disposable::dispose);
    }

    private Mono<Long> newestSequence() {
        return events.latest(1).next().map(Event::sequence).defaultIfEmpty(0L)
                .onErrorReturn(0L);
    }

    /**
     * One poll of the event log: re-indexes every application named by events not handled yet (recorded by
     * other instances, or before this one started following). A single indexed query when nothing happened.
     * Each application is indexed once more after the read-cache time to live, when whatever this instance
     * cached before the other one's write has expired. Completes with the number of applications re-indexed.
     */
    Mono<Integer> followEvents() {
        long from = followed.get();
        if (from < 0) {
            return newestSequence().doOnNext(followed::set).thenReturn(0);
        }
        return events.since(Math.max(0, from - FOLLOW_LOOKBACK), FOLLOW_PAGE)
                .filter(event -> !handled.contains(event.sequence()))
                .collectList()
                .flatMap(fresh -> {
                    long now = System.nanoTime();
                    Set<String> names = new LinkedHashSet<>();
                    recheck.forEach((name, due) -> {
                        if (due - now <= 0 && recheck.remove(name, due)) {
                            names.add(name);
                        }
                    });
                    Set<String> named = new LinkedHashSet<>();
                    fresh.forEach(event -> named.addAll(applications(event)));
                    names.addAll(named);
                    if (names.isEmpty()) {
                        return Mono.just(0);
                    }
                    return Flux.fromIterable(names)
                            .concatMap(model::reindex)
                            .then(Mono.fromRunnable(() -> {
                                fresh.forEach(event -> {
                                    handled.add(event.sequence());
                                    followed.accumulateAndGet(event.sequence(), Math::max);
                                });
                                if (recheckAfterNanos > 0) {
                                    named.forEach(name -> recheck.put(name, System.nanoTime() + recheckAfterNanos));
                                }
                            }))
                            .thenReturn(names.size());
                });
    }

    /** The applications whose index entries an event may change. */
    static Set<String> applications(Event event) {
        Set<String> names = new LinkedHashSet<>();
        event.applications()
                .filter(name -> !name.isBlank())
                .forEach(names::add);
        return names;
    }
}
