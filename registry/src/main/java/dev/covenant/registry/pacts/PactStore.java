package dev.covenant.registry.pacts;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.HistoryIndex;
import dev.covenant.registry.storage.IndexDefinitions;
import dev.covenant.registry.storage.MongoErrors;
import dev.covenant.registry.storage.ReadCache;
import dev.covenant.registry.storage.ReadCaches;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * MongoDB access for pacts. Publications are keyed by provider|consumer|version; content metadata by hash;
 * "latest" (overall, per branch, per tag) are head documents moved forward by consumer version order; the
 * integrations are two small documents per application (its consumers, its providers).
 */
final class PactStore implements IndexDefinitions {

    private final MongoCollection<Document> publications;
    private final MongoCollection<Document> contents;
    private final MongoCollection<Document> heads;
    private final MongoCollection<Document> integrations;
    private final MongoCollection<Document> branchHeads;
    private final ReadCache<String, PactPublication> publicationCache;
    private final ReadCache<String, Document> contentCache;
    private final ReadCache<String, Document> headCache;
    private final ReadCache<String, List<String>> integrationCache;
    private final ReadCache<String, Document> branchHeadsCache;
    /** Integrations this instance linked: a link is never removed, so writing it again changes nothing. */
    private final ReadCache<String, Boolean> linked;

    private final HistoryIndex history;
    private final HistoryIndex.Kind publicationsOfIntegration;

    PactStore(MongoDatabase database, ReadCaches caches, HistoryIndex history) {
        this.publications = database.getCollection("pact_publications");
        this.contents = database.getCollection("pact_contents");
        this.heads = database.getCollection("pact_heads");
        this.integrations = database.getCollection("pact_integrations");
        this.branchHeads = database.getCollection("pact_branch_heads");
        this.publicationCache = caches.mutable(50_000);
        this.contentCache = caches.immutable(20_000);
        this.headCache = caches.mutable(50_000);
        this.integrationCache = caches.mutable(10_000);
        this.branchHeadsCache = caches.mutable(10_000);
        this.linked = caches.immutable(10_000);
        this.history = history;
        this.publicationsOfIntegration = history.register("pacts", "pact_publications", List.of("provider", "consumer"),
                document -> integrationKey(document.getString("provider"), document.getString("consumer")), "order");
    }

    private static String integrationKey(String provider, String consumer) {
        return provider + "|" + consumer;
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of("pact_publications", List.of(new IndexModel(Indexes.ascending("provider", "consumer", "order")),
                new IndexModel(Indexes.ascending("consumer", "consumerVersion"))));
    }

    Mono<PactPublication> find(String provider, String consumer, String version) {
        String id = PactPublication.id(provider, consumer, version);
        return publicationCache.get(id, () -> Mono.from(publications.find(eq("_id", id)).first())
                .map(PactPublication::from));
    }

    /** Writes a publication; {@code previousSha} guards replacing (null: insert only). */
    Mono<Boolean> save(PactPublication publication, String previousSha) {
        String id = PactPublication.id(publication.provider(), publication.consumer(), publication.consumerVersion());
        if (previousSha == null) {
            return history.add(publicationsOfIntegration,
                            integrationKey(publication.provider(), publication.consumer()), id)
                    .then(publicationCache.writing(id, Mono.from(publications.insertOne(publication.toDocument()))))
                    .thenReturn(true)
                    .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.just(false));
        }
        return publicationCache.writing(id, Mono.from(publications.replaceOne(and(eq("_id", id), eq("sha", previousSha)),
                        publication.toDocument(), new ReplaceOptions())))
                .map(result -> result.getModifiedCount() > 0 || result.getMatchedCount() > 0);
    }

    Mono<Void> saveContentMetadata(String sha, String consumer, String provider, int interactions, Date now) {
        return contentCache.writing(sha, Mono.from(contents.updateOne(eq("_id", sha), Updates.combine(
                        Updates.setOnInsert("consumer", consumer), Updates.setOnInsert("provider", provider),
                        Updates.setOnInsert("interactions", interactions), Updates.setOnInsert("createdAt", now)),
                        new UpdateOptions().upsert(true))))
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.empty())
                .then();
    }

    Mono<Document> contentMetadata(String sha) {
        return contentCache.get(sha, () -> Mono.from(contents.find(eq("_id", sha)).first()));
    }

    /** Moves a head forward (or keeps it when a later version already holds it). */
    Mono<Void> moveHead(String provider, String consumer, String key, PactPublication publication) {
        return moveHeads(publication, List.of(key)).then();
    }

    /**
     * Moves the publication's heads of these keys forward, as {@link #moveHead} does each, in one command (one update
     * statement per head). Emits, per key, whether this call created the head: a new content head ({@code sha:}) is
     * content never published in the integration before (or since its publications were removed).
     */
    Mono<Map<String, Boolean>> moveHeads(PactPublication publication, List<String> keys) {
        String provider = publication.provider();
        String consumer = publication.consumer();
        List<String> ids = keys.stream().map(key -> provider + "|" + consumer + "|" + key).toList();
        List<UpdateOneModel<Document>> updates = keys.stream()
                .map(key -> new UpdateOneModel<Document>(and(eq("_id", provider + "|" + consumer + "|" + key),
                        or(exists("order", false), lte("order", publication.order()))),
                        Updates.combine(Updates.set("provider", provider), Updates.set("consumer", consumer),
                                Updates.set("key", key), Updates.set("version", publication.consumerVersion()),
                                Updates.set("order", publication.order()), Updates.set("sha", publication.sha())),
                        new UpdateOptions().upsert(true)))
                .toList();
        // unordered: every head is moved whatever the others do; a duplicate key is a later version holding a head
        return headCache.writingEach(ids, Mono.from(heads.bulkWrite(updates, new BulkWriteOptions().ordered(false)))
                        .onErrorResume(MongoBulkWriteException.class, e -> e.getWriteErrors().stream()
                                .allMatch(error -> error.getCategory() == ErrorCategory.DUPLICATE_KEY)
                                ? Mono.just(e.getWriteResult()) : Mono.error(e)))
                .map(result -> {
                    Map<String, Boolean> created = new LinkedHashMap<>();
                    keys.forEach(key -> created.put(key, false));
                    result.getUpserts().forEach(upsert -> created.put(keys.get(upsert.getIndex()), true));
                    return created;
                });
    }

    Mono<Document> head(String provider, String consumer, String key) {
        String id = provider + "|" + consumer + "|" + key;
        return headCache.get(id, () -> Mono.from(heads.find(eq("_id", id)).first()));
    }

    /** The heads of many keys of one integration in one query for those not cached; the found ones, in order. */
    Flux<Document> heads(String provider, String consumer, List<String> keys) {
        List<String> ids = keys.stream().map(key -> provider + "|" + consumer + "|" + key).toList();
        return headCache.getAll(ids, missing -> Flux.from(heads.find(in("_id", missing)))
                .map(head -> Map.entry(head.getString("_id"), head)));
    }

    /**
     * Records a publication as the latest on a branch in its integration's branch-heads document, guarded by the
     * consumer version order like {@link #moveHead}. Two first writes of one document race on its insert: the loser
     * applies its update to the winner's document; a second duplicate key means a later head is there already.
     */
    Mono<Void> moveBranchHead(String branch, PactPublication publication) {
        String id = integrationKey(publication.provider(), publication.consumer());
        String field = "heads." + fieldName(branch);
        Mono<Void> update = branchHeadsCache.writing(id, Mono.from(branchHeads.updateOne(and(eq("_id", id),
                                or(exists(field + ".order", false), lte(field + ".order", publication.order()))),
                        Updates.set(field, branchHead(branch, publication)), new UpdateOptions().upsert(true))))
                .then();
        return update.onErrorResume(MongoErrors::isDuplicateKey, e -> update)
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.empty());
    }

    /** Marks an integration's branch-heads document as holding every branch head (after a rebuild). */
    Mono<Void> branchHeadsComplete(String provider, String consumer) {
        String id = integrationKey(provider, consumer);
        return branchHeadsCache.writing(id, Mono.from(branchHeads.updateOne(eq("_id", id),
                        Updates.set("complete", true), new UpdateOptions().upsert(true))))
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.empty())
                .then();
    }

    /**
     * Forgets a branch of a consumer in its integrations' branch-heads documents (the branch is being deleted), and
     * marks them incomplete, so that a crash before the branch is gone is repaired by the next read's rebuild.
     */
    Mono<Void> forgetBranchHead(String provider, String consumer, String branch) {
        String id = integrationKey(provider, consumer);
        return branchHeadsCache.writing(id, Mono.from(branchHeads.updateOne(eq("_id", id),
                        Updates.combine(Updates.unset("heads." + fieldName(branch)), Updates.unset("complete")))))
                .then();
    }

    /**
     * The latest publication on each branch of one integration, from its branch-heads document: branch →
     * publication; empty when the document is missing or not known to be complete (a store written before it
     * existed, or a branch deletion under way), and then the caller reads the branch heads one by one.
     */
    Mono<Map<String, PactPublication>> branchHeads(String provider, String consumer) {
        String id = integrationKey(provider, consumer);
        return branchHeadsCache.get(id, () -> Mono.from(branchHeads.find(eq("_id", id)).first()))
                .filter(document -> document.getBoolean("complete", false))
                .map(document -> {
                    Map<String, PactPublication> latest = new LinkedHashMap<>();
                    Document heads = document.get("heads", new Document());
                    heads.values().forEach(head -> {
                        Document entry = (Document) head;
                        latest.put(entry.getString("branch"), new PactPublication(provider, consumer,
                                entry.getString("version"), ((Number) entry.get("order")).longValue(),
                                entry.getString("sha"), entry.getDate("createdAt").toInstant(),
                                entry.getDate("updatedAt").toInstant()));
                    });
                    return latest;
                });
    }

    private static Document branchHead(String branch, PactPublication publication) {
        return new Document("branch", branch).append("version", publication.consumerVersion())
                .append("order", publication.order()).append("sha", publication.sha())
                .append("createdAt", Date.from(publication.createdAt()))
                .append("updatedAt", Date.from(publication.updatedAt()));
    }

    /** A branch name as a field name: no dots (paths) and no dollar signs (operators); '%' escapes itself. */
    static String fieldName(String branch) {
        return dev.covenant.registry.storage.FieldNames.encode(branch);
    }

    /** Publications of many consumer versions of one integration, read as {@link #heads} are. */
    Flux<PactPublication> findAll(String provider, String consumer, List<String> versions) {
        List<String> ids = versions.stream().map(version -> PactPublication.id(provider, consumer, version)).toList();
        return publicationCache.getAll(ids, missing -> Flux.from(publications.find(in("_id", missing)))
                .map(document -> Map.entry(document.getString("_id"), PactPublication.from(document))));
    }

    /** Records that the two applications are linked by a pact (skipped when this instance recorded it lately). */
    Mono<Void> link(String provider, String consumer) {
        return linked.get(integrationKey(provider, consumer), () -> writeLink(provider, consumer).thenReturn(true))
                .then();
    }

    private Mono<Void> writeLink(String provider, String consumer) {
        return integrationCache.writing("consumers|" + provider, Mono.from(integrations.updateOne(
                        eq("_id", "consumers|" + provider), Updates.addToSet("names", consumer),
                        new UpdateOptions().upsert(true))))
                .then(integrationCache.writing("providers|" + consumer, Mono.from(integrations.updateOne(
                        eq("_id", "providers|" + consumer), Updates.addToSet("names", provider),
                        new UpdateOptions().upsert(true)))))
                .retry(1)
                .then();
    }

    Flux<String> consumersOf(String provider) {
        return names("consumers|" + provider);
    }

    Flux<String> providersOf(String consumer) {
        return names("providers|" + consumer);
    }

    Flux<Document> allIntegrations() {
        return Flux.from(integrations.find().sort(Sorts.ascending("_id")));
    }

    private Flux<String> names(String id) {
        return integrationCache.get(id, () -> Mono.from(integrations.find(eq("_id", id)).first())
                        .map(document -> document.getList("names", String.class, List.of()).stream().sorted().toList()))
                .flatMapIterable(names -> names);
    }

    /** Publications by one consumer version (one per provider). */
    Flux<PactPublication> byConsumerVersion(String consumer, String version) {
        return providersOf(consumer)
                .concatMap(provider -> find(provider, consumer, version));
    }

    /** Every publication of one integration, newest consumer version first. */
    Flux<PactPublication> history(String provider, String consumer) {
        return history.records(publicationsOfIntegration, integrationKey(provider, consumer))
                .map(PactPublication::from)
                .filter(publication -> publication.provider().equals(provider) && publication.consumer().equals(consumer))
                .sort(Comparator.comparingLong(PactPublication::order).reversed());
    }

    /** The newest publications of one integration, at most {@code size}, newest first: reads only those. */
    Flux<PactPublication> newest(String provider, String consumer, int size) {
        return history.newest(publicationsOfIntegration, integrationKey(provider, consumer), null, size,
                        document -> provider.equals(document.getString("provider"))
                                && consumer.equals(document.getString("consumer")))
                .flatMapIterable(window -> window.records().stream().map(PactPublication::from)
                        .sorted(Comparator.comparingLong(PactPublication::order).reversed())
                        .toList());
    }

    /** Every publication's integration and content, each once: a scan, for the verification summaries' build. */
    Flux<PublishedContent> publishedContents() {
        return Flux.from(publications.find().projection(Projections.include("provider", "consumer", "sha")))
                .map(document -> new PublishedContent(document.getString("provider"), document.getString("consumer"),
                        document.getString("sha")))
                .distinct();
    }

    /** Every head (latest, per branch, per tag, per content) as consumer and version: a scan, for retention. */
    Flux<Document> allHeads() {
        return Flux.from(heads.find());
    }

    /** Removes one publication, and its content's head if that names it; emits whether it existed. */
    Mono<Boolean> delete(PactPublication publication) {
        String id = PactPublication.id(publication.provider(), publication.consumer(), publication.consumerVersion());
        String head = publication.provider() + "|" + publication.consumer() + "|sha:" + publication.sha();
        return headCache.writing(head, Mono.from(heads.deleteOne(and(eq("_id", head),
                        eq("version", publication.consumerVersion())))))
                .then(publicationCache.writing(id, Mono.from(publications.deleteOne(eq("_id", id)))))
                .map(result -> result.getDeletedCount() > 0);
    }
}
