package dev.covenant.registry.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A small in-process cache of point reads, for read models that are small and hot; created by {@link ReadCaches}
 * as one of two {@link Kind kinds}. The owning store writes through {@link #writing}, so this instance always
 * reads its own writes, and a mutable cache also tells the other instances sharing the store (see
 * {@link WriteGenerations}). Entries also expire after the configured time to live. Bounded by Caffeine: past
 * {@code maxEntries} the least useful entries go, one at a time, never all at once.
 */
public final class ReadCache<K, V> {

    /** What a cache may hold, which decides how its entries are validated. */
    public enum Kind {
        /**
         * Values that never change once written (content by hash, a verification by id). Found values are kept
         * until they expire; absence is never kept (another instance may write the value a moment later).
         */
        IMMUTABLE,
        /**
         * Values that change (heads, lists, states, tokens). Absent values are kept too; an entry is served only
         * while the store's write generation is the one it was loaded under, so it is never stale across
         * instances.
         */
        MUTABLE
    }

    private record Entry<V>(V value, long loadedAt, long generation) {
    }

    private final Kind kind;
    /**
     * A mutable cache's name, or null: a named cache is validated against its name's own generation, which only
     * writes through caches of that name advance (so every write to what it caches must go through them); an
     * unnamed one against the store-wide generation, which every write through any mutable cache advances.
     */
    private final String name;
    private final WriteGenerations generations;
    private final Cache<K, Entry<V>> entries;
    /** Bumped by every invalidation: a load that raced with one is not kept, it may hold what was overwritten. */
    private final AtomicLong invalidations = new AtomicLong();
    private final long ttlNanos;
    /** Loads under way, shared by the lookups that start while they run (see {@link #lookup}). */
    private final Map<Loading<K>, Mono<Optional<V>>> inFlight = new ConcurrentHashMap<>();

    ReadCache(Kind kind, WriteGenerations generations, long ttlNanos, int maxEntries) {
        this(kind, null, generations, ttlNanos, maxEntries);
    }

    ReadCache(Kind kind, String name, WriteGenerations generations, long ttlNanos, int maxEntries) {
        this.name = name;
        if (kind == Kind.MUTABLE && generations == null) {
            throw new IllegalArgumentException("A mutable read cache needs the write generations");
        }
        this.kind = kind;
        this.generations = generations;
        this.ttlNanos = ttlNanos;
        // Evictions run on the calling thread: no pool thread for a small cache, and sizes are exact in tests.
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
    }

    public Kind kind() {
        return kind;
    }

    /** The cached value of the key, else what {@code loader} emits (remembered as the {@link Kind} allows). */
    public Mono<V> get(K key, Supplier<Mono<V>> loader) {
        if (ttlNanos <= 0) {
            return Mono.defer(loader);
        }
        return Mono.defer(() -> {
            // Taken before the generation is read: an invalidation during that read must also count.
            long stamp = invalidations.get();
            if (kind == Kind.IMMUTABLE) {
                return lookup(key, loader, 0L, stamp);
            }
            return generations.current().flatMap(generation -> lookup(key, loader, generation.of(name), stamp));
        });
    }

    /**
     * Whether an entry may be served under this generation: an immutable cache's always; a named cache's when its
     * name's counter is unchanged; an unnamed one's when the store-wide generation is, or only this instance's own
     * increments (whose writes it forgot) separate the two ({@link WriteGenerations#unchanged}).
     */
    private boolean current(Entry<V> entry, long generation) {
        return entry.generation() == generation
                || kind == Kind.MUTABLE && name == null && generations.unchanged(entry.generation(), generation);
    }

    /** Looked up when subscribed, not when assembled: a read chained after a write must not see the old entry. */
    private Mono<V> lookup(K key, Supplier<Mono<V>> loader, long generation, long stamp) {
        long now = System.nanoTime();
        Entry<V> entry = entries.getIfPresent(key);
        if (entry != null && now - entry.loadedAt() < ttlNanos && current(entry, generation)) {
            return Mono.justOrEmpty(entry.value());
        }
        // Concurrent reads of one key (an event's handlers run at once) share one load, when they would keep its
        // result under the same generation and no invalidation came between them: what one of them may keep.
        Loading<K> loading = new Loading<>(key, generation, stamp);
        Mono<Optional<V>> shared = inFlight.get(loading);
        if (shared == null) {
            Mono<Optional<V>> load = loader.get()
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .doOnNext(found -> {
                        if (found.isPresent() || kind == Kind.MUTABLE) {
                            keep(key, new Entry<>(found.orElse(null), now, generation), stamp);
                        }
                    })
                    .doFinally(signal -> inFlight.remove(loading))
                    .cache();
            Mono<Optional<V>> raced = inFlight.putIfAbsent(loading, load);
            shared = raced != null ? raced : load;
        }
        return shared.flatMap(Mono::justOrEmpty);
    }

    /** A load under way: its key, the generation and the invalidation stamp it was started under. */
    private record Loading<K>(K key, long generation, long stamp) {
    }

    /**
     * The cached values of many keys, the missing ones loaded together by one call of {@code loader} (which emits
     * what it found; a key it does not emit is absent). Emits the found values in the order of {@code keys}. The
     * same rules as {@link #get}: what was loaded is remembered as the {@link Kind} allows.
     */
    public Flux<V> getAll(List<K> keys, Function<List<K>, Flux<Map.Entry<K, V>>> loader) {
        if (ttlNanos <= 0) {
            return Flux.defer(() -> ordered(keys, Map.of(), loader.apply(keys)));
        }
        return Flux.defer(() -> {
            long stamp = invalidations.get();
            Mono<Long> generation = kind == Kind.IMMUTABLE ? Mono.just(0L)
                    : generations.current().map(current -> current.of(name));
            return generation.flatMapMany(current -> lookupAll(keys, loader, current, stamp));
        });
    }

    private Flux<V> lookupAll(List<K> keys, Function<List<K>, Flux<Map.Entry<K, V>>> loader, long generation,
            long stamp) {
        long now = System.nanoTime();
        Map<K, V> cached = new HashMap<>();
        List<K> missing = new ArrayList<>();
        for (K key : keys) {
            Entry<V> entry = entries.getIfPresent(key);
            if (entry != null && now - entry.loadedAt() < ttlNanos && current(entry, generation)) {
                cached.put(key, entry.value());
            } else if (!cached.containsKey(key) && !missing.contains(key)) {
                missing.add(key);
            }
        }
        if (missing.isEmpty()) {
            return ordered(keys, cached, Flux.empty());
        }
        Flux<Map.Entry<K, V>> loaded = loader.apply(missing)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .doOnNext(found -> missing.forEach(key -> {
                    if (found.containsKey(key) || kind == Kind.MUTABLE) {
                        keep(key, new Entry<>(found.get(key), now, generation), stamp);
                    }
                }))
                .flatMapIterable(Map::entrySet);
        return ordered(keys, cached, loaded);
    }

    private static <K, V> Flux<V> ordered(List<K> keys, Map<K, V> cached, Flux<Map.Entry<K, V>> loaded) {
        return loaded.collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMapIterable(found -> keys.stream()
                        .map(key -> found.containsKey(key) ? found.get(key) : cached.get(key))
                        .filter(Objects::nonNull)
                        .toList());
    }

    private void keep(K key, Entry<V> entry, long stamp) {
        entries.put(key, entry);
        if (invalidations.get() != stamp) {
            entries.asMap().remove(key, entry);
        }
    }

    /** How many entries are held now (after pending evictions). */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    /**
     * Forgets the key in this instance only; a write that other instances must see goes through {@link #writing}
     * (or is followed, before its answer, by another write through a mutable cache).
     */
    public void invalidate(K key) {
        invalidations.incrementAndGet();
        entries.invalidate(key);
    }

    public void invalidateAll() {
        invalidations.incrementAndGet();
        entries.invalidateAll();
    }

    /**
     * Runs the write, then forgets the key whatever the outcome, before the outcome reaches the caller (so a
     * read chained after the write, or a fallback on its error, loads again). A mutable cache then advances the
     * write generation, also before the outcome reaches the caller, so no instance serves what the write replaced.
     */
    public <T> Mono<T> writing(K key, Mono<T> write) {
        return announced(write.doOnTerminate(() -> invalidate(key))
                .doOnCancel(() -> invalidate(key)));
    }

    /** Like {@link #writing} for a write of several keys (one command writing several documents). */
    public <T> Mono<T> writingEach(java.util.Collection<K> keys, Mono<T> write) {
        Runnable forget = () -> {
            invalidations.incrementAndGet();
            entries.invalidateAll(keys);
        };
        return announced(write.doOnTerminate(forget).doOnCancel(forget));
    }

    /** Like {@link #writing} for a write that may touch any key. */
    public <T> Mono<T> writingAny(Mono<T> write) {
        return announced(write.doOnTerminate(this::invalidateAll)
                .doOnCancel(this::invalidateAll));
    }

    private <T> Mono<T> announced(Mono<T> write) {
        if (kind == Kind.IMMUTABLE || ttlNanos <= 0) {
            return write;
        }
        // Also after a failed write: it may have been applied (a timeout), or partly (an update of many).
        return write.materialize()
                .flatMap(outcome -> generations.advance(name).thenReturn(outcome))
                .dematerialize();
    }
}
