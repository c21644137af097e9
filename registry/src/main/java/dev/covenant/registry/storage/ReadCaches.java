package dev.covenant.registry.storage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** Creates the stores' {@link ReadCache}s with the configured time to live ({@code covenant.storage.read-cache-ttl}). */
@Component
public final class ReadCaches {

    private final long ttlNanos;
    /** Every cache created, so that a reset of the whole store can forget them all. */
    private final List<ReadCache<?, ?>> created = new CopyOnWriteArrayList<>();

    ReadCaches(StorageProperties properties) {
        this.ttlNanos = properties.readCacheTtl().toNanos();
    }

    /** A cache holding at most {@code maxEntries} keys (the least useful go first when full). */
    public <K, V> ReadCache<K, V> create(int maxEntries) {
        ReadCache<K, V> cache = new ReadCache<>(ttlNanos, maxEntries);
        created.add(cache);
        return cache;
    }

    /** Forgets every entry of every cache, after something emptied the store under the stores' feet. */
    public void invalidateAll() {
        created.forEach(ReadCache::invalidateAll);
    }
}
