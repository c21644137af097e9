package dev.covenant.registry.notifications;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.system.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Teams' webhook subscriptions (collection {@code subscriptions}). Every event is matched against all of them,
 * which is a scan; there are few (tens to hundreds), far fewer than events.
 */
@Service
class Subscriptions {

    private final MongoCollection<Document> subscriptions;
    private final Clock clock;

    Subscriptions(MongoDatabase database, Clock clock) {
        this.subscriptions = database.getCollection("subscriptions");
        this.clock = clock;
    }

    Mono<Subscription> create(String team, String url, Subscription.Format format, String secret, List<String> events) {
        Subscription subscription = new Subscription(UUID.randomUUID().toString(), team, url, format, secret,
                List.copyOf(events), clock.instant());
        return Mono.from(subscriptions.insertOne(subscription.toDocument())).thenReturn(subscription);
    }

    Flux<Subscription> all() {
        return Flux.from(subscriptions.find()).map(Subscription::from);
    }

    Flux<Subscription> ofTeam(String team) {
        return Flux.from(subscriptions.find(eq("team", team))).map(Subscription::from);
    }

    Mono<Subscription> find(String id) {
        return Mono.from(subscriptions.find(eq("_id", id)).first()).map(Subscription::from);
    }

    Mono<Void> delete(String team, String id) {
        return Mono.from(subscriptions.deleteOne(and(eq("_id", id), eq("team", team))))
                .filter(result -> result.getDeletedCount() > 0)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("Team " + team + " has no subscription " + id)))
                .then();
    }
}
