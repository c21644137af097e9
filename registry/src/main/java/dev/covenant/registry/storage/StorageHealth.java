package dev.covenant.registry.storage;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Health of the store: a {@code ping} round trip through the driver (embedded server or MongoDB). */
@Component("storage")
class StorageHealth implements ReactiveHealthIndicator {

    private final MongoDatabase database;
    private final StorageProperties properties;

    StorageHealth(MongoDatabase database, StorageProperties properties) {
        this.database = database;
        this.properties = properties;
    }

    @Override
    public Mono<Health> health() {
        return Mono.from(database.runCommand(new Document("ping", 1)))
                .timeout(Duration.ofSeconds(5))
                .map(reply -> Health.up().withDetail("store", properties.embedded() ? "embedded" : "mongodb").build())
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", String.valueOf(e.getMessage())).build()));
    }
}
