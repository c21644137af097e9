package dev.covenant.registry.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the registry keeps its data.
 *
 * @param mongodbUri a MongoDB connection string; empty starts the embedded MongoDB-wire server instead
 * @param database   the database name inside MongoDB
 * @param dataDir    the embedded server's data folder (ignored when {@code mongodbUri} is set)
 * @param readCacheTtl how long a cached point read is kept at most: 5 s with a MongoDB URI, 10 min on the
 *                   embedded store; zero disables the read caches. Not a staleness bound: mutable entries are
 *                   validated against the store's write generation (see {@link WriteGenerations})
 * @param durability   what an acknowledged write to the embedded store survives: {@code process} (the default:
 *                   committed to the data file before the answer, so a crash of the registry loses nothing) or
 *                   {@code power} (also forced to disk, for power loss; slower); {@code bulk}
 *                   commits about once a second instead, for bulk loads only (a crash loses the last second)
 * @param embeddedCacheSize the embedded store's page cache in MB (H2 MVStore: pages of decoded documents); 0 or
 *                   unset takes a quarter of the maximum heap (192 MB with registry/run's 768 MB). Reading a document
 *                   whose page is not cached costs ~2-3 ms (read and Java-deserialise the page)
 * @param embeddedWarmUp whether the embedded store loads the collections that the gate reads use (heads,
 *                   publications, versions, verifications) into that cache in the background after readiness, so
 *                   the first requests after a restart do not each pay for their pages. Off by default: on two cores it competed
 *                   with those first requests and made them slower (docs/benchmarks.md, ADR 0033)
 */
@ConfigurationProperties("covenant.storage")
public record StorageProperties(String mongodbUri, String database, String dataDir, Duration readCacheTtl,
        Durability durability, Integer embeddedCacheSize, Boolean embeddedWarmUp) {

    public StorageProperties {
        database = database == null || database.isBlank() ? "covenant" : database;
        dataDir = dataDir == null || dataDir.isBlank() ? "./data" : dataDir;
        durability = durability == null ? Durability.PROCESS : durability;
        if (embeddedCacheSize == null || embeddedCacheSize <= 0) {
            embeddedCacheSize = defaultCacheSize(Runtime.getRuntime().maxMemory());
        }
        embeddedWarmUp = embeddedWarmUp != null && embeddedWarmUp;
        if (readCacheTtl == null || readCacheTtl.isNegative()) {
            // The embedded store serves one instance, whose own writes invalidate its caches: nothing to expire.
            // Instances sharing a MongoDB see each other's writes within this time.
            readCacheTtl = mongodbUri == null || mongodbUri.isBlank() ? Duration.ofMinutes(10) : Duration.ofSeconds(5);
        }
    }

    /** A quarter of the heap, at least H2's own default of 16 MB. */
    static int defaultCacheSize(long maxHeapBytes) {
        return (int) Math.max(16, (maxHeapBytes >> 20) / 4);
    }

    boolean embedded() {
        return mongodbUri == null || mongodbUri.isBlank();
    }
}
