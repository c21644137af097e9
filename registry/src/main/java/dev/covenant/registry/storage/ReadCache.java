package dev.covenant.registry.storage;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A small in-process cache of point reads (absent values included), for read models that are small and hot.
 * The owning store invalidates a key after every write to it, so this instance always reads its own writes;
 * entries also expire after a short time, which bounds how stale a write made by another instance can look.
 */
public final class ReadCache<K, V> {

    private record Entry<V>(V value, long loadedAt) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a load that raced with one is not kept, it may hold what was overwritten. */
    private final AtomicLong invalidations = new AtomicLong();
    private final long ttlNanos;
    private final int maxEntries;

    ReadCache(long ttlNanos, int maxEntries) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
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
        Entry<V> entry = entries.get(key);
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
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, entry);
        if (invalidations.get() != stamp) {
            entries.remove(key, entry);
        }
    }

    /** Forgets the key; call after the write to it completed (or failed). */
    public void invalidate(K key) {
        invalidations.incrementAndGet();
        entries.remove(key);
    }

    public void invalidateAll() {
        invalidations.incrementAndGet();
        entries.clear();
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
