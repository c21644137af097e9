package dev.covenant.registry.security;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Collection {@code audit}: one document per write request, inserted before the response is sent (so an answered
 * write is always in the log). {@code _id} is an ObjectId, which orders the entries by time.
 */
@Component
public class AuditLog {

    static final String DETAIL_ATTRIBUTE = AuditLog.class.getName() + ".detail";

    private final MongoCollection<Document> audit;

    AuditLog(MongoDatabase database) {
        this.audit = database.getCollection("audit");
    }

    /** Adds a human detail to the audit entry of this request ("created token ci (publish, team payments)"). */
    public static void detail(ServerWebExchange exchange, String detail) {
        exchange.getAttributes().put(DETAIL_ATTRIBUTE, detail);
    }

    Mono<Void> record(AuditEntry entry) {
        return Mono.from(audit.insertOne(entry.document().append("_id", new ObjectId()))).then();
    }

    /** The newest entries first, optionally those of one actor. */
    Flux<AuditEntry> latest(int limit, String actor) {
        Bson filter = actor == null ? new Document() : eq("actor", actor);
        return Flux.from(audit.find(filter).sort(Sorts.descending("_id")).limit(limit))
                .map(AuditEntry::from);
    }
}
