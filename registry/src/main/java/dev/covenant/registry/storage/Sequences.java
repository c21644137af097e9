package dev.covenant.registry.storage;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Mono;

/** Monotonic counters (one atomic findOneAndUpdate each), used to order versions by creation. */
public final class Sequences {

    private final MongoCollection<Document> counters;

    Sequences(MongoDatabase database) {
        this.counters = database.getCollection("counters");
    }

    /** The next value of the named counter, starting at 1. */
    public Mono<Long> next(String name) {
        return Mono.from(counters.findOneAndUpdate(Filters.eq("_id", name), Updates.inc("value", 1L),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                .map(document -> ((Number) document.get("value")).longValue());
    }
}
