package dev.covenant.registry.storage;

import org.springframework.stereotype.Component;

/** Creates the stores' {@link ReadCache}s with the configured time to live ({@code covenant.storage.read-cache-ttl}). */
@Component
public final class ReadCaches {

    private final long ttlNanos;

    ReadCaches(StorageProperties properties) {
        this.ttlNanos = properties.readCacheTtl().toNanos();
    }

    /** A cache holding at most {@code maxEntries} keys (the least useful go first when full). */
    public <K, V> ReadCache<K, V> create(int maxEntries) {
        return new ReadCache<>(ttlNanos, maxEntries);
    }
}
