package dev.covenant.registry.security;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.IndexDefinitions;
import dev.covenant.registry.storage.ReadCache;
import dev.covenant.registry.storage.ReadCaches;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Collection {@code tokens}: {@code _id} is the SHA-256 of the token (the token itself is never stored), so
 * authenticating is one {@code _id} point read, cached. Names are unique (the HTTP basic user name).
 */
@Component
class TokenStore implements IndexDefinitions {

    private final MongoCollection<Document> tokens;
    private final ReadCache<String, Document> byHash;

    TokenStore(MongoDatabase database, ReadCaches caches) {
        this.tokens = database.getCollection("tokens");
        this.byHash = caches.mutable(10_000);
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of("tokens", List.of(new IndexModel(Indexes.ascending("name"), new IndexOptions().unique(true))));
    }

    Mono<Document> findByHash(String hash) {
        return byHash.get(hash, () -> Mono.from(tokens.find(eq("_id", hash)).first()));
    }

    Mono<Document> findByName(String name) {
        return Mono.from(tokens.find(eq("name", name)).first());
    }

    Flux<Document> all() {
        return Flux.from(tokens.find().sort(Sorts.ascending("name")));
    }

    Mono<Void> insert(Document token) {
        return byHash.writing(token.getString("_id"), Mono.from(tokens.insertOne(token))).then();
    }

    /** Deletes by name; emits the deleted token, empty when there was none. */
    Mono<Document> deleteByName(String name) {
        return byHash.writingAny(Mono.from(tokens.findOneAndDelete(eq("name", name))));
    }
}
