package dev.covenant.registry.storage;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import reactor.core.publisher.Flux;

/** Creates every feature's indexes before the server accepts requests (idempotent on every start). */
final class IndexInitializer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(IndexInitializer.class);

    private final MongoDatabase database;
    private final ObjectProvider<IndexDefinitions> definitions;

    IndexInitializer(MongoDatabase database, ObjectProvider<IndexDefinitions> definitions) {
        this.database = database;
        this.definitions = definitions;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long count = Flux.fromStream(definitions.orderedStream())
                .flatMapIterable(definition -> definition.indexes().entrySet())
                .concatMap(entry -> Flux.from(database.getCollection(entry.getKey()).createIndexes(entry.getValue())))
                .count()
                .block(Duration.ofSeconds(60));
        log.info("Storage ready: {} indexes ensured", count);
    }
}
