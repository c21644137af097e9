package dev.covenant.registry.webhooks;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Pact Broker webhooks (collection {@code webhooks}, {@code _id} = uuid); few, so matching scans them. */
@Service
class WebhookStore {

    private final MongoCollection<Document> webhooks;

    WebhookStore(MongoDatabase database) {
        this.webhooks = database.getCollection("webhooks");
    }

    Mono<Webhook> find(String uuid) {
        return Mono.from(webhooks.find(eq("_id", uuid)).first()).map(Webhook::from);
    }

    Flux<Webhook> all() {
        return Flux.from(webhooks.find().sort(Sorts.ascending("createdAt"))).map(Webhook::from);
    }

    Mono<Webhook> save(Webhook webhook) {
        return Mono.from(webhooks.replaceOne(eq("_id", webhook.uuid()), webhook.toDocument(),
                new ReplaceOptions().upsert(true))).thenReturn(webhook);
    }

    Mono<Boolean> delete(String uuid) {
        return Mono.from(webhooks.deleteOne(eq("_id", uuid))).map(result -> result.getDeletedCount() > 0);
    }
}
