package dev.covenant.registry.environments;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.ReadCache;
import dev.covenant.registry.storage.ReadCaches;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * MongoDB access for environments: one document per environment keyed by its uuid; a unique index on the
 * name makes "name already taken" an atomic duplicate-key error. The document also lists the applications
 * ever deployed or released there, so "everything in this environment" is a handful of {@code _id} lookups.
 */
final class EnvironmentStore {

    static final String COLLECTION = "environments";

    private final MongoCollection<Document> environments;
    /** The few environments, all read at once: every lookup by uuid or name is answered from this list. */
    private final ReadCache<String, List<Document>> allCache;

    EnvironmentStore(MongoDatabase database, ReadCaches caches) {
        this.environments = database.getCollection(COLLECTION);
        this.allCache = caches.mutable(COLLECTION, 1);
    }

    Map<String, List<IndexModel>> indexes() {
        return Map.of(COLLECTION, List.of(new IndexModel(Indexes.ascending("name"), new IndexOptions().unique(true))));
    }

    Mono<Document> insert(Environment environment) {
        Document document = new Document("_id", environment.uuid())
                .append("name", environment.name())
                .append("displayName", environment.displayName())
                .append("production", environment.production())
                .append("contacts", contacts(environment))
                .append("createdAt", Date.from(environment.createdAt()))
                .append("applications", List.of());
        return allCache.writingAny(Mono.from(environments.insertOne(document)))
                .thenReturn(document);
    }

    /** Replaces the editable attributes; empty when there is no such environment. */
    Mono<Document> replace(Environment environment) {
        return allCache.writingAny(Mono.from(environments.findOneAndUpdate(eq("_id", environment.uuid()),
                Updates.combine(
                        Updates.set("name", environment.name()),
                        Updates.set("displayName", environment.displayName()),
                        Updates.set("production", environment.production()),
                        Updates.set("contacts", contacts(environment)),
                        Updates.set("updatedAt", Date.from(environment.updatedAt()))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))));
    }

    Mono<Document> find(String uuid) {
        return all().filter(document -> uuid.equals(document.getString("_id"))).next();
    }

    Mono<Document> findByName(String name) {
        return all().filter(document -> name.equals(document.getString("name"))).next();
    }

    Flux<Document> all() {
        return allCache.get("all", () -> Flux.from(environments.find()).collectList())
                .flatMapIterable(list -> list);
    }

    Mono<Boolean> delete(String uuid) {
        return allCache.writingAny(Mono.from(environments.deleteOne(eq("_id", uuid))))
                .map(result -> result.getDeletedCount() > 0);
    }

    Mono<Void> addApplication(String uuid, String application) {
        return allCache.writingAny(Mono.from(environments.updateOne(eq("_id", uuid),
                        Updates.addToSet("applications", application))))
                .then();
    }

    private static List<Document> contacts(Environment environment) {
        List<Document> contacts = new ArrayList<>();
        for (Environment.Contact contact : environment.contacts()) {
            Document document = new Document("name", contact.name());
            if (contact.details() != null) {
                document.append("details", new Document(contact.details()));
            }
            contacts.add(document);
        }
        return contacts;
    }
}
