package dev.covenant.registry.storage;

import com.mongodb.reactivestreams.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import reactor.core.publisher.Flux;

/** Creates every feature's indexes before the server accepts requests (idempotent on every start). */
final class IndexInitializer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(IndexInitializer.class);

    /**
     * Creating an index over a large existing collection takes a while: on the embedded store the first start after
     * an upgrade builds the event log's ordered index in one pass (41 s at 228,000 events, docs/benchmarks.md).
     */
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    private final MongoDatabase database;
    private final ObjectProvider<IndexDefinitions> definitions;
    private final boolean embedded;

    IndexInitializer(MongoDatabase database, ObjectProvider<IndexDefinitions> definitions, boolean embedded) {
        this.database = database;
        this.definitions = definitions;
        this.embedded = embedded;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long count = Flux.fromStream(definitions.orderedStream())
                .flatMapIterable(definition -> definition.indexes().entrySet())
                .map(entry -> Map.entry(entry.getKey(), applicable(entry.getValue())))
                .filter(entry -> !entry.getValue().isEmpty())
                .concatMap(entry -> Flux.from(database.getCollection(entry.getKey()).createIndexes(entry.getValue())))
                .count()
                .block(BUILD_TIMEOUT);
        log.info("Storage ready: {} indexes ensured", count);
    }

    /**
     * The embedded server keeps unique indexes and, in memory and in order, those on one field
     * ({@link OrderedIndex}); it ignores compound non-unique ones (it scans), so asking for them only costs start-up time.
     */
    private List<IndexModel> applicable(List<IndexModel> indexes) {
        return embedded ? indexes.stream().filter(IndexInitializer::keptByTheEmbeddedStore).toList() : indexes;
    }

    private static boolean keptByTheEmbeddedStore(IndexModel index) {
        return index.getOptions().isUnique() || index.getKeys().toBsonDocument().size() == 1;
    }
}
