package dev.covenant.registry.storage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * Creates the stores' {@link ReadCache}s, each of one {@link ReadCache.Kind}: {@link #immutable} for values that
 * never change once written, {@link #mutable} for everything else (heads, lists, states). Nothing else creates
 * them. Both expire entries after {@code covenant.storage.read-cache-ttl} (zero disables them); mutable entries
 * are also validated against the store's {@link WriteGenerations write generation}, so instances sharing a
 * MongoDB never serve each other stale heads.
 */
@Component
public final class ReadCaches {

    private final long ttlNanos;
    private final WriteGenerations generations;
    /** Every cache created, so that a reset of the whole store can forget them all. */
    private final List<ReadCache<?, ?>> created = new CopyOnWriteArrayList<>();

    ReadCaches(StorageProperties properties, WriteGenerations generations) {
        this.ttlNanos = properties.readCacheTtl().toNanos();
        this.generations = generations;
    }

    /**
     * A cache of values that never change once written (content by hash, records by id that are only ever
     * inserted), holding at most {@code maxEntries} keys. Absence is not cached.
     */
    public <K, V> ReadCache<K, V> immutable(int maxEntries) {
        return create(ReadCache.Kind.IMMUTABLE, maxEntries);
    }

    /**
     * A cache of values that change (heads, lists, states), holding at most {@code maxEntries} keys; every write
     * goes through {@link ReadCache#writing}, which also invalidates the entries of the other instances.
     */
    public <K, V> ReadCache<K, V> mutable(int maxEntries) {
        return create(ReadCache.Kind.MUTABLE, maxEntries);
    }

    /**
     * A {@link #mutable} cache validated against a generation of its own name: writes through other caches do not
     * invalidate it, so it keeps its hits under a stream of unrelated writes. Every write to what it caches must go
     * through a cache of this name ({@link ReadCache#writing}); the name is a store-wide identifier (a letter-digit
     * word), the same on every instance.
     */
    public <K, V> ReadCache<K, V> mutable(String name, int maxEntries) {
        if (!name.matches("[a-zA-Z][a-zA-Z0-9-]*")) {
            throw new IllegalArgumentException("Not a cache name: " + name);
        }
        return create(ReadCache.Kind.MUTABLE, name, maxEntries);
    }

    private <K, V> ReadCache<K, V> create(ReadCache.Kind kind, int maxEntries) {
        return create(kind, null, maxEntries);
    }

    private <K, V> ReadCache<K, V> create(ReadCache.Kind kind, String name, int maxEntries) {
        ReadCache<K, V> cache = new ReadCache<>(kind, name, generations, ttlNanos, maxEntries);
        created.add(cache);
        return cache;
    }

    /** The generations the mutable caches are validated against (to {@link WriteGenerations#scope scope} work). */
    public WriteGenerations generations() {
        return generations;
    }

    /** Forgets every entry of every cache, after something emptied the store under the stores' feet. */
    public void invalidateAll() {
        created.forEach(ReadCache::invalidateAll);
    }
}
