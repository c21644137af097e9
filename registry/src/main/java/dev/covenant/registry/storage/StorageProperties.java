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
 */
@ConfigurationProperties("covenant.storage")
public record StorageProperties(String mongodbUri, String database, String dataDir, Duration readCacheTtl,
        Durability durability) {

    public StorageProperties {
        database = database == null || database.isBlank() ? "covenant" : database;
        dataDir = dataDir == null || dataDir.isBlank() ? "./data" : dataDir;
        durability = durability == null ? Durability.PROCESS : durability;
        if (readCacheTtl == null || readCacheTtl.isNegative()) {
            // The embedded store serves one instance, whose own writes invalidate its caches: nothing to expire.
            // Instances sharing a MongoDB see each other's writes within this time.
            readCacheTtl = mongodbUri == null || mongodbUri.isBlank() ? Duration.ofMinutes(10) : Duration.ofSeconds(5);
        }
    }

    boolean embedded() {
        return mongodbUri == null || mongodbUri.isBlank();
    }
}
