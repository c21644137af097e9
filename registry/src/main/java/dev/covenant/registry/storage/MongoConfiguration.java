package dev.covenant.registry.storage;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.event.CommandListener;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connects the reactive MongoDB driver to the configured MongoDB, or to the embedded server. */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedMongoHolder embeddedMongo(StorageProperties properties) {
        return new EmbeddedMongoHolder(properties.embedded() ? new EmbeddedMongo(properties.dataDir(), properties.durability(),
                properties.embeddedCacheSize()) : null);
    }

    @Bean
    EmbeddedWarmUp embeddedWarmUp(EmbeddedMongoHolder embedded, StorageProperties properties,
            ObjectProvider<HotCollections> features) {
        return new EmbeddedWarmUp(embedded.server(), properties, features);
    }

    /**
     * The embedded store's file reads and page cache use, as metrics: the file reads per request tell how much of
     * a read path's data was not cached (docs/benchmarks/history-scale.sh prints them per endpoint).
     */
    @Bean
    MeterBinder embeddedStoreMeters(EmbeddedMongoHolder embedded) {
        return registry -> {
            EmbeddedMongo store = embedded.server();
            if (store == null) {
                return;
            }
            FunctionCounter.builder("covenant.storage.embedded.file.reads", store, EmbeddedMongo::fileReads)
                    .description("reads of the embedded store's data file (pages not in its cache)")
                    .register(registry);
            Gauge.builder("covenant.storage.embedded.cache.used", store, EmbeddedMongo::cacheUsedMegabytes)
                    .baseUnit("megabytes")
                    .description("the embedded store's page cache in use")
                    .register(registry);
        };
    }

    /**
     * The client of the requests; {@link CommandListener} beans (metrics, tests counting reads) observe its commands, and
     * those of the background workers' client.
     */
    @Bean(destroyMethod = "close")
    MongoClient mongoClient(StorageProperties properties, EmbeddedMongoHolder embedded,
            ObjectProvider<CommandListener> listeners) {
        return client(properties, embedded, listeners.orderedStream().toList());
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, StorageProperties properties) {
        return client.getDatabase(properties.database());
    }

    /**
     * A second client, with its own connection pool, for the background workers. When the embedded server fails
     * an answer it drops the connection, and the driver then clears the whole pool and fails every operation in
     * flight on it; the workers' busy scans of the job queue must not take HTTP requests down with them.
     */
    @Bean(destroyMethod = "close")
    BackgroundDatabase backgroundDatabase(StorageProperties properties, EmbeddedMongoHolder embedded,
            ObjectProvider<CommandListener> listeners) {
        MongoClient client = client(properties, embedded, listeners.orderedStream().toList());
        return new BackgroundDatabase(client, client.getDatabase(properties.database()));
    }

    private static MongoClient client(StorageProperties properties, EmbeddedMongoHolder embedded,
            List<CommandListener> listeners) {
        boolean embeddedStore = embedded.server() != null;
        String uri = embeddedStore ? embedded.server().connectionString() : properties.mongodbUri();
        MongoClientSettings settings = settings(new ConnectionString(uri), embeddedStore);
        return MongoClients.create(listeners.isEmpty() ? settings
                : MongoClientSettings.builder(settings).commandListenerList(listeners).build());
    }

    /**
     * A write is acknowledged once a majority of the replica set has it in its journal, and reads see only such
     * writes (so a gate never answers from a write that a fail-over can roll back); options in the URI win. The
     * embedded server ignores concerns: it commits every write before answering ({@link CommittingH2Backend}).
     */
    static MongoClientSettings settings(ConnectionString uri, boolean embeddedStore) {
        MongoClientSettings.Builder builder = MongoClientSettings.builder()
                .applyConnectionString(uri)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(5, TimeUnit.SECONDS));
        if (!embeddedStore && uri.getWriteConcern() == null) {
            builder.writeConcern(WriteConcern.MAJORITY.withJournal(true));
        }
        if (!embeddedStore && uri.getReadConcern() == null) {
            builder.readConcern(ReadConcern.MAJORITY);
        }
        return builder.build();
    }

    /** Owns the embedded server's life cycle; closed after the client, since beans close in reverse order. */
    record EmbeddedMongoHolder(EmbeddedMongo server) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }

    @Bean
    Sequences sequences(MongoDatabase database) {
        return new Sequences(database);
    }

    @Bean
    ContentStore contentStore(MongoDatabase database) {
        return new ContentStore(database);
    }

    @Bean
    HistoryIndex historyIndex(MongoDatabase database) {
        return new HistoryIndex(database);
    }

    @Bean
    HistoryIndexBuilder historyIndexBuilder(HistoryIndex index) {
        return new HistoryIndexBuilder(index);
    }

    @Bean
    IndexInitializer indexInitializer(MongoDatabase database, ObjectProvider<IndexDefinitions> definitions,
            StorageProperties properties) {
        return new IndexInitializer(database, definitions, properties.embedded());
    }
}
