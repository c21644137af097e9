package dev.covenant.registry.storage;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import org.bson.conversions.Bson;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The store-wide write generation that keeps {@link ReadCache.Kind#MUTABLE mutable} read caches exact across
 * instances sharing one MongoDB. Every write through a mutable cache advances one counter after the write
 * completed and before its answer (concurrent writes share one increment, see {@link #advance}; the writes of one
 * HTTP request share one, made before its response is committed or before it records an event, see
 * {@link #deferring}); an entry remembers the generation read before it was loaded and is served only
 * while the generation is unchanged. The generation is read once per {@link #scope scope} (an HTTP request, a
 * job), one point read by {@code _id}; outside a scope each lookup reads it. So a read that starts after a write
 * was answered — on any instance — never sees what that write replaced.
 */
@Component
public final class WriteGenerations {

    /** In the counters collection, which a store reset keeps: the generation never goes back. */
    static final String ID = "read-cache-generation";
    /** A scope re-reads the generation after this long, so a long-lived request (a stream) does not pin it. */
    static final Duration SCOPE_REFRESH = Duration.ofSeconds(1);
    private static final Object KEY = WriteGenerations.class;
    private static final Object DEFERRED = Deferred.class;
    private static final String NAMED = "named";

    /** Store-wide generations this instance remembers ({@link #chained}), at most. */
    private static final int CHAINED = 4096;

    private final MongoCollection<Document> counters;
    /**
     * Store-wide generations seen by this instance → the oldest generation that only its own increments separate from
     * it (itself when another instance's increment, or one not seen, came before it).
     */
    private final ConcurrentSkipListMap<Long, Long> chained = new ConcurrentSkipListMap<>();
    private final Object lock = new Object();
    /** Callers waiting for an increment that has not begun (guarded by lock). */
    private Sinks.One<Void> next;
    /** The cache names {@link #next}'s callers wrote through (guarded by lock). */
    private Set<String> nextNames = new HashSet<>();
    /** An increment is under way (guarded by lock). */
    private boolean advancing;

    WriteGenerations(MongoDatabase database) {
        this.counters = database.getCollection("counters");
    }

    /** The store-wide generation now, read from the store. */
    Mono<Long> read() {
        return readAll().map(generation -> generation.of(null));
    }

    /** The generations now (store-wide and per name), one point read. */
    Mono<Generation> readAll() {
        return Mono.from(counters.find(Filters.eq("_id", ID)).first())
                .map(Generation::from)
                .defaultIfEmpty(Generation.NONE)
                .doOnNext(generation -> chained.putIfAbsent(generation.value(), generation.value()));
    }

    /**
     * Whether an entry loaded under the store-wide generation {@code loadedUnder} may be served under {@code now}:
     * the same generation, or one that only this instance's own increments separate from it (ADR 0038). Those
     * increments announce this instance's writes, which forgot what they changed in its caches before they were
     * announced; an increment of another instance between them makes the two differ.
     */
    boolean unchanged(long loadedUnder, long now) {
        if (loadedUnder == now) {
            return true;
        }
        Long from = chained.get(loadedUnder);
        return from != null && from.equals(chained.get(now));
    }

    /** An increment of this instance took the store-wide generation to {@code value}. */
    private void incremented(long value) {
        Long previous = chained.get(value - 1);
        chained.put(value, previous != null ? previous : value);
        while (chained.size() > CHAINED) {
            chained.pollFirstEntry();
        }
    }

    /**
     * The counters at one moment: {@code value}, advanced by every write through a mutable cache, and one counter per
     * named cache ({@code named.<name>}), advanced only by the writes through caches of that name.
     */
    record Generation(long value, Map<String, Long> named) {

        static final Generation NONE = new Generation(0, Map.of());

        static Generation from(Document document) {
            Map<String, Long> named = new HashMap<>();
            Object names = document.get(NAMED);
            if (names instanceof Document byName) {
                byName.forEach((name, count) -> named.put(name, ((Number) count).longValue()));
            }
            return new Generation(((Number) document.get("value")).longValue(), Map.copyOf(named));
        }

        /** The generation a cache of this name (null: unnamed, the store-wide one) is validated against. */
        long of(String name) {
            return name == null ? value : named.getOrDefault(name, 0L);
        }
    }

    /**
     * Tells every instance that cached reads may be stale (call after the write completed); completes once an
     * increment that began after this call has been stored. Concurrent callers share one increment: a call joins the
     * increment that has not begun yet, and while one is under way the next waits for it, so each caller's write
     * precedes the increment it waits for, and concurrent writes cost one store write, not one each.
     */
    Mono<Void> advance() {
        return advance(null);
    }

    /** {@link #advance()} for a write through a cache of this name (null: unnamed): also advances the name's counter. */
    Mono<Void> advance(String name) {
        return Mono.deferContextual(context -> {
            Deferred deferred = context.getOrDefault(DEFERRED, null);
            return deferred != null && deferred.hold(name) ? Mono.<Void>empty() : advanceNow(Set.of(name == null ? "" : name));
        });
    }

    /**
     * Makes the one advance that the writes of the enclosing {@link #deferring deferring} unit owe so far, if any; a
     * no-op outside one. Call it before the unit hands its work to others (an event is recorded: another instance's
     * worker or stream reader may act on it before the unit's answer).
     */
    public Mono<Void> flush() {
        return Mono.deferContextual(context -> {
            Deferred deferred = context.getOrDefault(DEFERRED, null);
            Set<String> owed = deferred == null ? null : deferred.take(false);
            return owed != null ? advanceNow(owed) : Mono.<Void>empty();
        });
    }

    /**
     * Runs {@code work} as one unit whose writes advance the generation once, when {@code beforeAnswer} is subscribed
     * (the caller arranges that to happen after the unit's writes and before its answer leaves: for an HTTP request,
     * before the response is committed) or at a {@link #flush}, instead of once per write. A write completing after
     * that advances at once, as outside a unit; a unit that ends without subscribing {@code beforeAnswer} (cancelled)
     * advances on its way out. So a read that starts after the answer, on any instance, still sees every write.
     */
    <T> Mono<T> deferring(Mono<T> work, java.util.function.Consumer<Mono<Void>> beforeAnswer) {
        return Mono.defer(() -> {
            Deferred deferred = new Deferred();
            beforeAnswer.accept(Mono.defer(() -> {
                Set<String> owed = deferred.take(true);
                return owed != null ? advanceNow(owed) : Mono.<Void>empty();
            }));
            return work.contextWrite(context -> context.put(DEFERRED, deferred))
                    .doFinally(signal -> {
                        Set<String> owed = deferred.take(true);
                        if (owed != null) {
                            advanceNow(owed).subscribe(done -> { }, error -> { });
                        }
                    });
        });
    }

    /** Whether the writes of a deferring unit owe an advance, and whether the unit still holds them back. */
    private static final class Deferred {
        /** The cache names ("" for unnamed) whose writes are owed an advance; null when none is. */
        private Set<String> owed;
        private boolean closed;

        /** Holds back one write's advance; false once closed (the caller then advances at once). */
        synchronized boolean hold(String name) {
            if (closed) {
                return false;
            }
            if (owed == null) {
                owed = new HashSet<>();
            }
            owed.add(name == null ? "" : name);
            return true;
        }

        /** The names an advance is owed for (which the caller then makes), or null; {@code close} ends the holding. */
        synchronized Set<String> take(boolean close) {
            closed |= close;
            Set<String> was = owed;
            owed = null;
            return was;
        }
    }

    /** {@link #advance} now, whatever the context, for writes through caches of these names ("" for unnamed). */
    private Mono<Void> advanceNow(Set<String> names) {
        return Mono.defer(() -> {
            Sinks.One<Void> joined;
            Set<String> batchNames = null;
            synchronized (lock) {
                if (next == null) {
                    next = Sinks.one();
                }
                joined = next;
                nextNames.addAll(names);
                if (!advancing) {
                    advancing = true;
                    next = null;
                    batchNames = nextNames;
                    nextNames = new HashSet<>();
                }
            }
            if (batchNames != null) {
                increment(joined, batchNames);
            }
            return joined.asMono();
        });
    }

    /**
     * Increments the generation (and the counters of the names written through) for the callers that joined
     * {@code batch}, then begins the next one if any joined.
     */
    private void increment(Sinks.One<Void> batch, Set<String> names) {
        List<Bson> increments = new ArrayList<>();
        increments.add(Updates.inc("value", 1L));
        names.stream().filter(name -> !name.isEmpty()).forEach(name -> increments.add(Updates.inc(NAMED + "." + name, 1L)));
        Mono.from(counters.findOneAndUpdate(Filters.eq("_id", ID), Updates.combine(increments),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                .subscribe(after -> incremented(Generation.from(after).value()), error -> incremented(batch, error),
                        () -> incremented(batch, null));
    }

    private void incremented(Sinks.One<Void> batch, Throwable error) {
        if (error == null) {
            batch.tryEmitEmpty();
        } else {
            batch.tryEmitError(error);
        }
        Sinks.One<Void> following;
        Set<String> followingNames;
        synchronized (lock) {
            following = next;
            followingNames = nextNames;
            next = null;
            nextNames = new HashSet<>();
            advancing = following != null;
        }
        if (following != null) {
            increment(following, followingNames);
        }
    }

    /** The generations of the enclosing scope, else read now. */
    Mono<Generation> current() {
        return Mono.deferContextual(this::ofScope);
    }

    private Mono<Generation> ofScope(ContextView context) {
        return context.<Mono<Generation>>getOrEmpty(KEY).orElseGet(this::readAll);
    }

    /** The context of a unit of work whose cached reads share one generation read (made on first use). */
    public Context scope(Context context) {
        if (context.hasKey(KEY)) {
            return context;
        }
        return context.put(KEY, readAll().cache(generation -> SCOPE_REFRESH, error -> Duration.ZERO,
                () -> Duration.ZERO));
    }

    /** Runs {@code work} in a {@link #scope}. */
    public <T> Mono<T> scoped(Mono<T> work) {
        return work.contextWrite(this::scope);
    }

    /** Runs {@code work} in a {@link #scope}. */
    public <T> Flux<T> scoped(Flux<T> work) {
        return work.contextWrite(this::scope);
    }
}
