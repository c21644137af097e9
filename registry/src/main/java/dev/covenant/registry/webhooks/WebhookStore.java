package dev.covenant.registry.webhooks;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.ReadCache;
import dev.covenant.registry.storage.ReadCaches;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pact Broker webhooks (collection {@code webhooks}, {@code _id} = uuid); few, so matching reads them all, through a
 * read cache of their own name (every write here goes through it).
 */
@Service
class WebhookStore {

    private final MongoCollection<Document> webhooks;
    private final ReadCache<String, List<Webhook>> allCache;

    WebhookStore(MongoDatabase database, ReadCaches caches) {
        this.webhooks = database.getCollection("webhooks");
        this.allCache = caches.mutable("webhooks", 1);
    }

    Mono<Webhook> find(String uuid) {
        return all().filter(webhook -> uuid.equals(webhook.uuid())).next();
    }

    Flux<Webhook> all() {
        return allCache.get("all", () -> Flux.from(webhooks.find().sort(Sorts.ascending("createdAt")))
                        .map(Webhook::from).collectList())
                .flatMapIterable(all -> all);
    }

    Mono<Webhook> save(Webhook webhook) {
        return allCache.writingAny(Mono.from(webhooks.replaceOne(eq("_id", webhook.uuid()), webhook.toDocument(),
                new ReplaceOptions().upsert(true)))).thenReturn(webhook);
    }

    Mono<Boolean> delete(String uuid) {
        return allCache.writingAny(Mono.from(webhooks.deleteOne(eq("_id", uuid))))
                .map(result -> result.getDeletedCount() > 0);
    }
}
