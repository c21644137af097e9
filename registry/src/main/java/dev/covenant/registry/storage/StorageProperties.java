package dev.covenant.registry.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the registry keeps its data.
 *
 * @param mongodbUri a MongoDB connection string; empty starts the embedded MongoDB-wire server instead
 * @param database   the database name inside MongoDB
 * @param dataDir    the embedded server's data folder (ignored when {@code mongodbUri} is set)
 */
@ConfigurationProperties("covenant.storage")
public record StorageProperties(String mongodbUri, String database, String dataDir) {

    public StorageProperties {
        database = database == null || database.isBlank() ? "covenant" : database;
        dataDir = dataDir == null || dataDir.isBlank() ? "./data" : dataDir;
    }

    boolean embedded() {
        return mongodbUri == null || mongodbUri.isBlank();
    }
}
