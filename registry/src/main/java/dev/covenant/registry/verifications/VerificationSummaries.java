package dev.covenant.registry.verifications;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.pacts.PublishedContent;
import dev.covenant.registry.storage.FieldNames;
import dev.covenant.registry.storage.MongoErrors;
import dev.covenant.registry.storage.ReadCache;
import dev.covenant.registry.storage.ReadCaches;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One document per integration ({@code verification_summaries}, {@code _id} = {@code provider|consumer}, ADR 0036):
 * for each of its contents verified successfully, the time of the first success and of the first success per
 * provider branch. It answers the pending status of every content of an integration in one read, where the heads
 * take two scattered reads per content. Every field only moves back in time ({@code $min}), so writes are
 * idempotent and commute: a retried publish, concurrent publishes and a rebuild racing with them all end at the
 * earliest success, as the heads do. The summaries are served only once the store carries the mark
 * {@link #BUILT}; a store written before them (without it) is summarised from its verifications by
 * {@link #rebuild}, which {@link VerificationService} runs in the background meanwhile answering from the heads.
 */
final class VerificationSummaries {

    private final MongoCollection<Document> summaries;
    private final MongoCollection<Document> verifications;
    private final ReadCache<String, Document> cache;

    /** The store's mark that every successful verification is summarised (its {@code _id} has no {@code |}). */
    static final String BUILT = "summarised";

    /** What the success heads' keys carry after the content ({@code sha|success-any}, {@code sha|success-branch:…}). */
    private static final String SUCCESS = "|success-";

    VerificationSummaries(MongoDatabase database, ReadCaches caches) {
        this.summaries = database.getCollection("verification_summaries");
        this.verifications = database.getCollection("verifications");
        this.cache = caches.mutable(10_000);
    }

    /** What an integration's summary says of one content: first success overall, and per provider branch. */
    record Outcome(Instant firstSuccess, Map<String, Instant> firstSuccessOnBranch) {

        Outcome merge(Instant at, List<String> branches) {
            Map<String, Instant> onBranch = new HashMap<>(firstSuccessOnBranch);
            branches.forEach(branch -> onBranch.merge(branch, at, Outcome::earlier));
            return new Outcome(earlier(firstSuccess, at), onBranch);
        }

        Outcome merge(Outcome other) {
            Map<String, Instant> onBranch = new HashMap<>(firstSuccessOnBranch);
            other.firstSuccessOnBranch().forEach((branch, at) -> onBranch.merge(branch, at, Outcome::earlier));
            return new Outcome(earlier(firstSuccess, other.firstSuccess()), onBranch);
        }

        /** The first success overall; a branch's first success when only that is known (it is one too). */
        Instant firstSuccessAnywhere() {
            return firstSuccessOnBranch.values().stream().reduce(firstSuccess, Outcome::earlier);
        }

        private static Instant earlier(Instant a, Instant b) {
            return a == null ? b : b == null || a.isBefore(b) ? a : b;
        }
    }

    /** Records a successful verification in its integration's summary. */
    Mono<Void> recordSuccess(Verification verification) {
        return write(id(verification.provider(), verification.consumer()), Updates.combine(successUpdates(verification.sha(), verification.createdAt(), verification.branches())));
    }

    /**
     * The summaries of the given consumers' integrations with the provider: consumer → content → outcome (an
     * integration without successes has none), read in one query with the store's mark that summaries are
     * maintained; empty when the store lacks that mark (written before summaries existed: {@link #rebuild}).
     */
    Mono<Map<String, Map<String, Outcome>>> of(String provider, List<String> consumers) {
        List<String> ids = new ArrayList<>(List.of(BUILT));
        consumers.forEach(consumer -> ids.add(id(provider, consumer)));
        return cache.getAll(ids, missing -> Flux.from(summaries.find(in("_id", missing)))
                        .map(document -> Map.entry(document.getString("_id"), document)))
                .collectMap(document -> document.getString("_id"))
                .filter(found -> found.containsKey(BUILT))
                .map(found -> {
                    Map<String, Map<String, Outcome>> byConsumer = new HashMap<>();
                    consumers.forEach(consumer -> byConsumer.put(consumer,
                            outcomes(found.getOrDefault(id(provider, consumer), new Document()))));
                    return byConsumer;
                });
    }

    /** Whether the store carries the mark that every successful verification is summarised. */
    Mono<Boolean> built() {
        return cache.get(BUILT, () -> Mono.from(summaries.find(eq("_id", BUILT)).first())).hasElement();
    }

    /**
     * Summarises every successful verification of the store (one scan, once per store written before summaries
     * existed), merged into what is there, then marks the store as summarised; emits the integrations written.
     * The success heads are merged in too ({@code successHeads}, joined to their integrations through
     * {@code published}): they outlive the verifications retention removed, and for-verification answered from them
     * before, so the summaries answer as they did.
     */
    Mono<Integer> rebuild(Flux<Document> successHeads, Flux<PublishedContent> published) {
        Mono<Map<String, Map<String, Outcome>>> fromVerifications = Flux.from(verifications.find(eq("success", true))
                        .projection(Projections.include("provider", "consumer", "sha", "branches", "createdAt")))
                .collect(HashMap::new, (byIntegration, document) ->
                        byIntegration.computeIfAbsent(id(document.getString("provider"), document.getString("consumer")),
                                        ignored -> new HashMap<>())
                                .merge(document.getString("sha"), new Outcome(null, Map.of()).merge(
                                                document.getDate("createdAt").toInstant(),
                                                document.getList("branches", String.class, List.of())),
                                        Outcome::merge));
        Mono<Map<String, Outcome>> fromHeads = successHeads.collect(HashMap::new, (bySha, head) -> {
            String key = head.getString("_id");
            int at = key.indexOf(SUCCESS);
            Date time = head.getDate("createdAt");
            if (at < 0 || time == null) {
                return;
            }
            String kind = key.substring(at + SUCCESS.length());
            Outcome outcome = kind.equals("any") ? new Outcome(time.toInstant(), Map.of())
                    : kind.startsWith("branch:") ? new Outcome(null, Map.of(kind.substring("branch:".length()),
                            time.toInstant())) : null;
            if (outcome != null) {
                bySha.merge(key.substring(0, at), outcome, Outcome::merge);
            }
        });
        return Mono.zip(fromVerifications, fromHeads)
                .flatMap(found -> published.filter(content -> found.getT2().containsKey(content.sha()))
                        .doOnNext(content -> found.getT1()
                                .computeIfAbsent(id(content.provider(), content.consumer()), ignored -> new HashMap<>())
                                .merge(content.sha(), found.getT2().get(content.sha()), Outcome::merge))
                        .then(Mono.fromSupplier(found::getT1)))
                .flatMap(byIntegration -> Flux.fromIterable(byIntegration.entrySet())
                        .concatMap(integration -> write(integration.getKey(), rebuildUpdate(integration.getValue())))
                        .then(Mono.defer(() -> write(BUILT, Updates.set("at", new Date()))))
                        .thenReturn(byIntegration.size()));
    }

    private static Bson rebuildUpdate(Map<String, Outcome> outcomes) {
        List<Bson> updates = new ArrayList<>();
        outcomes.forEach((sha, outcome) -> {
            updates.add(Updates.min(field(sha) + ".any", Date.from(outcome.firstSuccessAnywhere())));
            outcome.firstSuccessOnBranch().forEach((branch, at) ->
                    updates.add(Updates.min(field(sha) + ".branches." + branchField(branch), Date.from(at))));
        });
        return Updates.combine(updates);
    }

    private static List<Bson> successUpdates(String sha, Instant at, List<String> branches) {
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.min(field(sha) + ".any", Date.from(at)));
        branches.forEach(branch -> updates.add(Updates.min(field(sha) + ".branches." + branchField(branch), Date.from(at))));
        return updates;
    }

    /** An upsert; two first writes of one document race on its insert, and the loser applies its update after. */
    private Mono<Void> write(String id, Bson update) {
        Mono<Void> write = cache.writing(id, Mono.from(summaries.updateOne(eq("_id", id), update,
                new UpdateOptions().upsert(true)))).then();
        return write.onErrorResume(MongoErrors::isDuplicateKey, e -> write);
    }

    private static Map<String, Outcome> outcomes(Document document) {
        Map<String, Outcome> outcomes = new HashMap<>();
        document.get("contents", new Document()).forEach((sha, value) -> {
            Document content = (Document) value;
            Map<String, Instant> onBranch = new HashMap<>();
            content.get("branches", new Document()).forEach((branch, at) ->
                    onBranch.put(branchName(branch), ((Date) at).toInstant()));
            outcomes.put(sha, new Outcome(content.getDate("any").toInstant(), onBranch));
        });
        return outcomes;
    }

    private static String id(String provider, String consumer) {
        return provider + "|" + consumer;
    }

    private static String field(String sha) {
        return "contents." + sha;
    }

    private static String branchField(String branch) {
        return FieldNames.encode(branch);
    }

    private static String branchName(String field) {
        return FieldNames.decode(field);
    }
}
