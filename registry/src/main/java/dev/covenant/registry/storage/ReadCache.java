package dev.covenant.registry.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A small in-process cache of point reads (absent values included), for read models that are small and hot.
 * The owning store invalidates a key after every write to it, so this instance always reads its own writes;
 * entries also expire after a short time, which bounds how stale a write made by another instance can look.
 * Bounded by Caffeine: past {@code maxEntries} the least useful entries go, one at a time, never all at once.
 */
public final class ReadCache<K, V> {

    private record Entry<V>(V value, long loadedAt) {
    }

    private final Cache<K, Entry<V>> entries;
    /** Bumped by every invalidation: a load that raced with one is not kept, it may hold what was overwritten. */
    private final AtomicLong invalidations = new AtomicLong();
    private final long ttlNanos;

    ReadCache(long ttlNanos, int maxEntries) {
        this.ttlNanos = ttlNanos;
        // Evictions run on the calling thread: no pool thread for a small cache, and sizes are exact in tests.
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
    }

    /** The cached value of the key, else what {@code loader} emits (remembered, even when empty). */
    public Mono<V> get(K key, Supplier<Mono<V>> loader) {
        return Mono.defer(() -> lookup(key, loader));
    }

    /** Looked up when subscribed, not when assembled: a read chained after a write must not see the old entry. */
    private Mono<V> lookup(K key, Supplier<Mono<V>> loader) {
        if (ttlNanos <= 0) {
            return loader.get();
        }
        long now = System.nanoTime();
        Entry<V> entry = entries.getIfPresent(key);
        if (entry != null && now - entry.loadedAt() < ttlNanos) {
            return Mono.justOrEmpty(entry.value());
        }
        long stamp = invalidations.get();
        return loader.get()
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .doOnNext(found -> keep(key, new Entry<>(found.orElse(null), now), stamp))
                .flatMap(Mono::justOrEmpty);
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

    /** Forgets the key; call after the write to it completed (or failed). */
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
     * read chained after the write, or a fallback on its error, loads again).
     */
    public <T> Mono<T> writing(K key, Mono<T> write) {
        return write.doOnTerminate(() -> invalidate(key))
                .doOnCancel(() -> invalidate(key));
    }

    /** Like {@link #writing} for a write that may touch any key. */
    public <T> Mono<T> writingAny(Mono<T> write) {
        return write.doOnTerminate(this::invalidateAll)
                .doOnCancel(this::invalidateAll);
    }
}
