package dev.covenant.registry.notifications;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.ReadCache;
import dev.covenant.registry.storage.ReadCaches;
import dev.covenant.registry.system.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Teams' webhook subscriptions (collection {@code subscriptions}). Every event is matched against all of them; there
 * are few (tens to hundreds), far fewer than events, so they are read all at once through a read cache of their own
 * name (writes elsewhere do not invalidate it; every write here goes through it).
 */
@Service
class Subscriptions {

    private final MongoCollection<Document> subscriptions;
    private final Clock clock;
    private final ReadCache<String, List<Subscription>> allCache;

    Subscriptions(MongoDatabase database, Clock clock, ReadCaches caches) {
        this.subscriptions = database.getCollection("subscriptions");
        this.clock = clock;
        this.allCache = caches.mutable("subscriptions", 1);
    }

    Mono<Subscription> create(String team, String url, Subscription.Format format, String secret, List<String> events) {
        Subscription subscription = new Subscription(UUID.randomUUID().toString(), team, url, format, secret,
                List.copyOf(events), clock.instant());
        return allCache.writingAny(Mono.from(subscriptions.insertOne(subscription.toDocument()))).thenReturn(subscription);
    }

    Flux<Subscription> all() {
        return allCache.get("all", () -> Flux.from(subscriptions.find()).map(Subscription::from).collectList())
                .flatMapIterable(all -> all);
    }

    Flux<Subscription> ofTeam(String team) {
        return all().filter(subscription -> team.equals(subscription.team()));
    }

    Mono<Subscription> find(String id) {
        return all().filter(subscription -> id.equals(subscription.id())).next();
    }

    Mono<Void> delete(String team, String id) {
        return allCache.writingAny(Mono.from(subscriptions.deleteOne(and(eq("_id", id), eq("team", team)))))
                .filter(result -> result.getDeletedCount() > 0)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("Team " + team + " has no subscription " + id)))
                .then();
    }
}
