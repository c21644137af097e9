package dev.covenant.registry.notifications;

import dev.covenant.registry.events.Audience;
import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.teams.Teams;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every event after a sequence number, then live: read again at once when this instance records an event, and
 * every second for those recorded by other instances sharing the store. Sequence numbers are taken before an
 * event is written, so a read looks back a little and duplicates are dropped by sequence.
 */
@Service
class EventStream {

    static final int PAGE = 500;
    static final long LOOKBACK = 256;
    static final Duration POLL = Duration.ofSeconds(1);

    private final EventLog events;
    private final Teams teams;

    EventStream(EventLog events, Teams teams) {
        this.events = events;
        this.teams = teams;
    }

    /** The newest sequence number recorded so far (0 when there are no events). */
    Mono<Long> newest() {
        return events.latest(1).next().map(Event::sequence).defaultIfEmpty(0L);
    }

    /**
     * Events after {@code after}, oldest first, then every new one, each once. Everything is read from the log in
     * sequence order; an event recorded here only triggers the next read at once instead of within a second.
     */
    Flux<Event> follow(long after) {
        return Flux.defer(() -> {
            Set<Long> seen = Collections.synchronizedSet(Collections.newSetFromMap(new BoundedMap<>(10_000)));
            AtomicLong cursor = new AtomicLong(after);
            Flux<Long> ticks = Flux.merge(Flux.interval(Duration.ZERO, POLL), events.live().map(Event::sequence));
            return ticks.onBackpressureLatest()
                    .concatMap(tick -> catchUp(Math.max(after, cursor.get() - LOOKBACK)), 1)
                    .filter(event -> seen.add(event.sequence()))
                    .doOnNext(event -> cursor.accumulateAndGet(event.sequence(), Math::max));
        });
    }

    /** Every event after {@code from}, page by page. */
    Flux<Event> catchUp(long from) {
        return events.since(from, PAGE).collectList()
                .expand(page -> page.size() < PAGE ? Mono.empty()
                        : events.since(page.get(page.size() - 1).sequence(), PAGE).collectList())
                .flatMapIterable(Function.identity());
    }

    /** Whether the event concerns the team (and application) asked for; null filters match everything. */
    Mono<Boolean> matches(Event event, String team, String application) {
        List<String> applications = applications(event);
        if (application != null && !applications.contains(application)) {
            return Mono.just(false);
        }
        if (team == null) {
            return Mono.just(true);
        }
        if (event.payload().audience().stream().anyMatch(entry -> team.equals(entry.team()))) {
            return Mono.just(true);
        }
        return Flux.fromIterable(applications).concatMap(teams::teamOf).any(team::equals);
    }

    static List<String> applications(Event event) {
        return Stream.concat(event.applications(), event.payload().audience().stream().map(Audience::application))
                .filter(Objects::nonNull).distinct().toList();
    }

    static Map<String, Object> view(Event event) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", event.id());
        view.put("sequence", event.sequence());
        view.put("type", event.type());
        view.put("application", event.application());
        view.put("version", event.version());
        view.put("createdAt", String.valueOf(event.createdAt()));
        view.put("attributes", event.attributes());
        return view;
    }

    private static final class BoundedMap<K> extends LinkedHashMap<K, Boolean> {
        private final int max;

        BoundedMap(int max) {
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, Boolean> eldest) {
            return size() > max;
        }
    }
}
