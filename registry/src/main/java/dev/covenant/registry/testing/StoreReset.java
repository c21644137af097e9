package dev.covenant.registry.testing;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.ReadCaches;
import java.util.Set;
import org.bson.Document;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Empties every collection (keeping their indexes) and forgets every cached read, so a provider state starts
 * from a clean store as the Pact Broker's database cleaner does. Counters stay: the event log's sequence must
 * only grow, or readers that follow it would skip what comes next.
 */
@Component
@ConditionalOnProperty(name = ProviderStatesConfiguration.SWITCH, havingValue = "true")
class StoreReset {

    private static final Set<String> KEPT = Set.of("counters");

    private final MongoDatabase database;
    private final ReadCaches caches;

    StoreReset(MongoDatabase database, ReadCaches caches) {
        this.database = database;
        this.caches = caches;
    }

    Mono<Void> reset() {
        return Flux.from(database.listCollectionNames())
                .filter(name -> !KEPT.contains(name) && !name.startsWith("system."))
                .concatMap(this::empty)
                .then(Mono.fromRunnable(caches::invalidateAll));
    }

    private Mono<Void> empty(String collection) {
        return Mono.from(database.getCollection(collection).deleteMany(new Document()))
                .then();
    }
}
