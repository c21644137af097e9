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
}
