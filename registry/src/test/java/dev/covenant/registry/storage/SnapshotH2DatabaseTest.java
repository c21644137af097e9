package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The cause of mongo-java-server's "Failed to encode" / {@code ConcurrentModificationException} under concurrent
 * scans and updates, reproduced without threads, and its absence in the registry's embedded store.
 */
class SnapshotH2DatabaseTest {

    /**
     * The minimal reproduction (upstream, plain {@link H2Backend}): a query answer is the stored instance, and a
     * later update changes that instance in place — after the query returned and released the collection's lock,
     * i.e. while the wire layer may still be encoding the answer.
     */
    @Test
    void upstreamQueryAnswersChangeWhenTheDocumentIsUpdatedLater() {
        H2Backend upstream = new H2Backend(MVStore.open(null));
        try {
            Document answered = queryThenUpdate(upstream);
            assertThat(answered.get("n")).as("the answer already handed out was changed by the update").isEqualTo(2);
        } finally {
            upstream.close();
        }
    }

    @Test
    void embeddedStoreAnswersAreCopiesThatLaterUpdatesLeaveAlone() {
        CommittingH2Backend backend = new CommittingH2Backend(MVStore.open(null), Durability.PROCESS);
        try {
            Document answered = queryThenUpdate(backend);
            assertThat(answered.get("n")).as("the answer handed out before the update").isEqualTo(1);
            Document reread = backend.resolveDatabase("db").resolveCollection("c", false)
                    .handleQuery(new QueryParameters(new Document("_id", "a"), 0, 0)).iterator().next();
            assertThat(reread.get("n")).as("the update itself was applied").isEqualTo(2);
            assertThat(reread).isNotSameAs(answered);
        } finally {
            backend.close();
        }
    }

    private static Document queryThenUpdate(MongoBackend backend) {
        var collection = backend.resolveDatabase("db").createCollectionOrThrowIfExists("c");
        collection.addDocument(new Document("_id", "a").append("n", 1).append("other", "x"));
        Document answered = collection.handleQuery(new QueryParameters(new Document(), 0, 0)).iterator().next();
        collection.updateDocuments(new Document("_id", "a"), new Document("$set", new Document("n", 2)),
                ArrayFilters.empty(), false, false, NoopOplog.get());
        return answered;
    }

    /**
     * Over the wire with the real driver, as the registry uses it: scans of a collection whose documents are being
     * updated all the time (what the job queue did) answer every time, and every update lands.
     */
    @Test
    void scansOfACollectionUnderConcurrentUpdatesNeverFailToEncode() {
        CommittingH2Backend backend = new CommittingH2Backend(MVStore.open(null), Durability.PROCESS);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<org.bson.Document> jobs = client.getDatabase("db").getCollection("jobs");
            List<org.bson.Document> seed = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                org.bson.Document document = new org.bson.Document("_id", "job-" + i).append("status", "pending")
                        .append("attempts", 0);
                for (int field = 0; field < 20; field++) {
                    document.append("f" + field, "value " + field);
                }
                seed.add(document);
            }
            Mono.from(jobs.insertMany(seed)).block(Duration.ofSeconds(30));
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            AtomicInteger scanned = new AtomicInteger();
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            Flux<Long> updates = Flux.range(0, 4).flatMap(worker -> Flux.range(0, Integer.MAX_VALUE)
                    .takeWhile(i -> System.nanoTime() < until)
                    .concatMap(i -> Mono.from(jobs.updateOne(Filters.eq("_id", "job-" + (i * 7 + worker) % 200),
                            Updates.combine(Updates.inc("attempts", 1), Updates.set("f" + i % 20, "changed " + i),
                                    i % 2 == 0 ? Updates.unset("lease") : Updates.set("lease", i))))
                            .doOnError(errors::add).onErrorResume(e -> Mono.empty()))
                    .count());
            Flux<Long> scans = Flux.range(0, 4).flatMap(reader -> Flux.range(0, Integer.MAX_VALUE)
                    .takeWhile(i -> System.nanoTime() < until)
                    .concatMap(i -> Flux.from(jobs.find(Filters.eq("status", "pending"))).count()
                            .doOnNext(count -> scanned.addAndGet(count.intValue()))
                            .doOnError(errors::add).onErrorResume(e -> Mono.empty()))
                    .count());
            long updated = Flux.merge(updates, scans.then(Mono.just(0L))).reduce(0L, Long::sum)
                    .block(Duration.ofMinutes(2));
            assertThat(errors).isEmpty();
            assertThat(updated).isPositive();
            assertThat(scanned.get()).isPositive().isEqualTo(scanned.get() / 200 * 200);
            long attempts = Flux.from(jobs.find()).map(job -> job.getInteger("attempts").longValue())
                    .reduce(0L, Long::sum).block(Duration.ofSeconds(30));
            assertThat(attempts).as("every acknowledged update counted once").isEqualTo(updated);
        } finally {
            server.shutdownNow();
            backend.close();
        }
    }

    /**
     * Filters that pin {@code _id} besides other conditions are answered through the {@code _id} index here (a scan
     * upstream): the answers, matched counts and the stored result of conditional writes are the same as upstream's,
     * for a pinned match, a pinned mismatch, an {@code $or} beside the pin, a missing {@code _id}, and an
     * {@code _id} given by an operator (which still goes the upstream way).
     */
    @Test
    void idPinnedFiltersAnswerAsUpstreamDoes() {
        H2Backend upstream = new H2Backend(MVStore.open(null));
        CommittingH2Backend embedded = new CommittingH2Backend(MVStore.open(null), Durability.PROCESS);
        try {
            List<Document> filters = List.of(
                    new Document("_id", "k5").append("sha", "s5"),
                    new Document("_id", "k5").append("sha", "s6"),
                    new Document("_id", "k7").append("$or", List.of(new Document("order", new Document("$exists", false)),
                            new Document("order", new Document("$lt", 9)))),
                    new Document("_id", "k8").append("$or", List.of(new Document("order", new Document("$exists", false)),
                            new Document("order", new Document("$lt", 3)))),
                    new Document("_id", "missing").append("sha", "s1"),
                    new Document("_id", new Document("$in", List.of("k1", "k2"))).append("order", new Document("$gte", 0)),
                    new Document("_id", "k3").append("undeployedAt", null));
            for (Document filter : filters) {
                assertThat(pinnedOutcome(embedded, filter)).as(filter.toString())
                        .isEqualTo(pinnedOutcome(upstream, filter));
            }
            assertThat(pinnedOutcome(embedded, filters.get(0))).as("a pinned match is found and updated")
                    .isEqualTo("[{\"_id\" : \"k5\", \"sha\" : \"s5\", \"order\" : 5}] updated 1/1 [k5] deleted 1 left 9");
        } finally {
            upstream.close();
            embedded.close();
        }
    }

    /** What a find, a conditional update and a conditional delete with this filter do, on a fresh collection. */
    private static String pinnedOutcome(MongoBackend backend, Document filter) {
        String name = "pinned" + PINNED.incrementAndGet();
        var collection = backend.resolveDatabase("db").createCollectionOrThrowIfExists(name);
        for (int i = 0; i < 10; i++) {
            collection.addDocument(new Document("_id", "k" + i).append("sha", "s" + i).append("order", i));
        }
        List<String> found = new ArrayList<>();
        collection.handleQuery(new QueryParameters(filter, 0, 0)).forEach(document -> found.add(document.toString()));
        Document updated = collection.updateDocuments(filter, new Document("$set", new Document("seen", true)),
                ArrayFilters.empty(), true, false, NoopOplog.get());
        List<String> after = new ArrayList<>();
        collection.handleQuery(new QueryParameters(new Document("seen", true), 0, 0))
                .forEach(document -> after.add(document.get("_id").toString()));
        int deleted = collection.deleteDocuments(filter, 1, NoopOplog.get());
        return found + " updated " + updated.get("n") + "/" + updated.get("nModified") + " " + after + " deleted "
                + deleted + " left " + collection.count();
    }

    private static final AtomicInteger PINNED = new AtomicInteger();
}
