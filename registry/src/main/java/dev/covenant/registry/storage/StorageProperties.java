package dev.covenant.registry.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the registry keeps its data.
 *
 * @param mongodbUri a MongoDB connection string; empty starts the embedded MongoDB-wire server instead
 * @param database   the database name inside MongoDB
 * @param dataDir    the embedded server's data folder (ignored when {@code mongodbUri} is set)
 * @param readCacheTtl how long an instance may serve a cached head or record written by another instance
 *                   (its own writes are seen at once); zero disables the read caches
 */
@ConfigurationProperties("covenant.storage")
public record StorageProperties(String mongodbUri, String database, String dataDir, Duration readCacheTtl) {

    public StorageProperties {
        database = database == null || database.isBlank() ? "covenant" : database;
        dataDir = dataDir == null || dataDir.isBlank() ? "./data" : dataDir;
        readCacheTtl = readCacheTtl == null || readCacheTtl.isNegative() ? Duration.ofSeconds(5) : readCacheTtl;
    }

    boolean embedded() {
        return mongodbUri == null || mongodbUri.isBlank();
    }
}
