package dev.covenant.registry.storage;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;

/** The same database through the background workers' own client (see {@code MongoConfiguration}). */
public record BackgroundDatabase(MongoClient client, MongoDatabase database) implements AutoCloseable {

    @Override
    public void close() {
        client.close();
    }
}
