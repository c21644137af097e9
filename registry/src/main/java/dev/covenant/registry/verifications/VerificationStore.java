package dev.covenant.registry.verifications;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.HistoryIndex;
import dev.covenant.registry.storage.IndexDefinitions;
import dev.covenant.registry.storage.MongoErrors;
import dev.covenant.registry.storage.ReadCache;
import dev.covenant.registry.storage.ReadCaches;
import java.util.Date;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * MongoDB access for verifications. Besides the verifications themselves, small heads answer the hot
 * questions by {@code _id}: the latest verification of a content by a provider version (the matrix), the latest
 * overall, and the first success per provider branch (pending status).
 */
final class VerificationStore implements IndexDefinitions {

    private final MongoCollection<Document> verifications;
    private final MongoCollection<Document> heads;
    private final ReadCache<String, Verification> verificationCache;
    private final ReadCache<String, Document> headCache;

    private final HistoryIndex history;
    private final HistoryIndex.Kind verificationsOfContent;

    VerificationStore(MongoDatabase database, ReadCaches caches, HistoryIndex history) {
        this.verifications = database.getCollection("verifications");
        this.heads = database.getCollection("verification_heads");
        this.verificationCache = caches.immutable(50_000);
        this.headCache = caches.mutable(50_000);
        this.history = history;
        this.verificationsOfContent = history.register("verifications", "verifications", List.of("sha"),
                document -> document.getString("sha"), "number");
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of("verifications", List.of(new IndexModel(Indexes.ascending("sha", "number"))));
    }

    /** Inserts; emits false when the same verification was already recorded (a retried POST). */
    Mono<Boolean> insert(Verification verification) {
        return history.add(verificationsOfContent, verification.sha(), verification.id())
                .then(verificationCache.writing(verification.id(),
                        Mono.from(verifications.insertOne(verification.toDocument()))))
                .thenReturn(true)
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.just(false));
    }

    Mono<Verification> find(String id) {
        return verificationCache.get(id, () -> Mono.from(verifications.find(eq("_id", id)).first()).map(Verification::from));
    }

    Mono<Verification> findByNumber(String sha, long number) {
        return forContent(sha)
                .filter(verification -> verification.number() == number)
                .next();
    }

    /** Every verification of a content, newest first: its history list, then the verifications by {@code _id}. */
    Flux<Verification> forContent(String sha) {
        return history.records(verificationsOfContent, sha)
                .map(Verification::from)
                .filter(verification -> verification.sha().equals(sha))
                .sort(Comparator.comparingLong(Verification::number).reversed());
    }

    /** The newest verifications of a content, at most {@code size}, newest first: reads only those. */
    Flux<Verification> newestForContent(String sha, int size) {
        return history.newest(verificationsOfContent, sha, null, size, document -> sha.equals(document.getString("sha")))
                .flatMapIterable(window -> window.records().stream().map(Verification::from)
                        .sorted(Comparator.comparingLong(Verification::number).reversed())
                        .toList());
    }

    /** Moves a head to this verification unless a later one holds it. */
    Mono<Void> moveHead(String key, Verification verification) {
        return headCache.writing(key, Mono.from(heads.updateOne(and(eq("_id", key), or(exists("number", false),
                                lt("number", verification.number()))),
                        Updates.combine(Updates.set("verification", verification.id()),
                                Updates.set("number", verification.number()),
                                Updates.set("success", verification.success()),
                                Updates.set("providerVersion", verification.providerVersion()),
                                Updates.set("createdAt", Date.from(verification.createdAt()))),
                        new UpdateOptions().upsert(true))))
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.empty())
                .then();
    }

    /**
     * Records the earliest occurrence (e.g. first success on a branch): a later one leaves it as it is, an earlier
     * one that lands late (concurrent publishes) replaces it, so the head ends where the summaries' {@code $min} does.
     */
    Mono<Void> recordFirst(String key, Verification verification) {
        Date at = Date.from(verification.createdAt());
        return headCache.writing(key, Mono.from(heads.updateOne(and(eq("_id", key), or(exists("createdAt", false),
                                gt("createdAt", at))),
                        Updates.combine(Updates.set("verification", verification.id()),
                                Updates.set("providerVersion", verification.providerVersion()),
                                Updates.set("createdAt", at)),
                        new UpdateOptions().upsert(true))))
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.empty())
                .then();
    }

    Mono<Document> head(String key) {
        return headCache.get(key, () -> Mono.from(heads.find(eq("_id", key)).first()));
    }

    /** The heads of many keys, those not cached in one query; the found ones, by key. */
    Mono<Map<String, Document>> heads(List<String> keys) {
        return headCache.getAll(keys, missing -> Flux.from(heads.find(in("_id", missing)))
                        .map(head -> Map.entry(head.getString("_id"), head)))
                .collectMap(head -> head.getString("_id"));
    }

    /**
     * The success heads ({@code sha|success-any}, {@code sha|success-branch:…}) with their time: a scan, for the
     * summaries' build. They outlive the verifications retention removes.
     */
    Flux<Document> successHeads() {
        return Flux.from(heads.find(regex("_id", "\\|success-")).projection(Projections.include("createdAt")));
    }

    /** Every head document: a scan, for retention. */
    Flux<Document> allHeads() {
        return Flux.from(heads.find());
    }

    /** The verifications by one provider version: a scan, for retention. */
    Flux<Verification> byProviderVersion(String provider, String providerVersion) {
        return Flux.from(verifications.find(and(eq("provider", provider), eq("providerVersion", providerVersion))))
                .map(Verification::from);
    }

    /** Removes a verification and its per-provider-version head; emits whether it existed. */
    Mono<Boolean> delete(Verification verification) {
        String head = verification.sha() + "|pv:" + verification.providerVersion();
        return headCache.writing(head, Mono.from(heads.deleteOne(and(eq("_id", head),
                        eq("verification", verification.id())))))
                .then(verificationCache.writing(verification.id(),
                        Mono.from(verifications.deleteOne(eq("_id", verification.id())))))
                .map(result -> result.getDeletedCount() > 0);
    }
}
