package dev.covenant.registry.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.FindPublisher;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads on a field with a declared single-field index walk the embedded store's {@link OrderedIndex} instead of
 * scanning, over the wire, with the answers of upstream's scan ({@code docs/adr/0031-embedded-store-ordered-index.md}).
 */
class EmbeddedStoreOrderedIndexTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    /**
     * Random ranges (gt/gte/lt/lte/eq, one or two ends, with another condition or in an {@code $and}), sorts (none,
     * ascending, descending), skips and limits answer as upstream's scan does, while inserts, deletes and updates
     * (some moving the indexed value, some removing it, which sends the reads back to the scan) are interleaved, and
     * across reopenings of the store.
     */
    @Test
    void rangeAndOrderedReadsAnswerAsUpstreamsScan() {
        Random random = new Random(31);
        try (Server upstream = Server.upstream(); MongoClient upstreamClient = upstream.client()) {
            MongoCollection<Document> expected = upstreamClient.getDatabase("db").getCollection("c");
            block(expected.createIndex(Indexes.ascending("n")));
            Path file = dataDir.resolve("store.mv");
            int[] nextId = {0};
            long orderedReads = 0;
            long scans = 0;
            for (int opening = 0; opening < 3; opening++) {
                try (Server ours = Server.ours(file); MongoClient oursClient = ours.client()) {
                    MongoCollection<Document> actual = oursClient.getDatabase("db").getCollection("c");
                    block(actual.createIndex(Indexes.ascending("n")));
                    for (int step = 0; step < 150; step++) {
                        Bson write = change(random, expected, actual, nextId);
                        for (int query = 0; query < 4; query++) {
                            compareRead(random, expected, actual, write);
                        }
                    }
                    orderedReads += ours.collection("db", "c").examined();
                    scans += ours.collection("db", "c").scans();
                    assertThat(countAll(actual)).isEqualTo(countAll(expected));
                }
            }
            assertThat(orderedReads).as("the ordered path was taken").isPositive();
            assertThat(scans).as("and the scan, while some value was missing or of another kind").isPositive();
        }
    }

    /** {@code since} and {@code latest} of the event log read a handful of documents of 50,000, never scan. */
    @Test
    void followingALongLogExaminesOnlyThePageRead() {
        try (Server ours = Server.ours(dataDir.resolve("events.mv")); MongoClient client = ours.client()) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            block(events.createIndex(Indexes.ascending("sequence")));
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            Flux.range(0, 50_000)
                    .map(i -> new Document("_id", "event-" + i).append("sequence", (long) i)
                            .append("createdAt", Date.from(start.plusSeconds(i))).append("type", "t" + i % 5))
                    .buffer(1000)
                    .concatMap(events::insertMany)
                    .blockLast(WAIT);
            SnapshotH2Database.SnapshotCollection stored = ours.collection("db", "events");
            long scans = stored.scans();

            long examined = stored.examined();
            List<Long> page = sequences(events.find(gt("sequence", 40_000L)).sort(Sorts.ascending("sequence"))
                    .limit(100));
            assertThat(page).hasSize(100).first().isEqualTo(40_001L);
            assertThat(page).last().isEqualTo(40_100L);
            assertThat(stored.examined() - examined).isLessThanOrEqualTo(101);

            examined = stored.examined();
            assertThat(sequences(events.find().sort(Sorts.descending("sequence")).limit(1))).containsExactly(49_999L);
            assertThat(stored.examined() - examined).isEqualTo(1);

            examined = stored.examined();
            long deleted = Mono.from(events.deleteMany(lt("sequence", 1_000L))).block(WAIT).getDeletedCount();
            assertThat(deleted).isEqualTo(1_000);
            assertThat(stored.examined() - examined).isEqualTo(1_000);
            assertThat(sequences(events.find().sort(Sorts.ascending("sequence")).limit(1))).containsExactly(1_000L);
            assertThat(stored.scans()).as("no read scanned the log").isEqualTo(scans);
        }
    }

    /**
     * A store written before the index was declared (an upgrade): creating it builds it from the stored documents,
     * and after a reopening it is built again from the file; reads then walk it.
     */
    @Test
    void anIndexDeclaredOnAnExistingCollectionIsBuiltFromItsDocuments() {
        Path file = dataDir.resolve("upgrade.mv");
        try (Server ours = Server.ours(file); MongoClient client = ours.client()) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            Flux.range(0, 3_000)
                    .map(i -> new Document("_id", "event-" + i).append("sequence", (long) i))
                    .buffer(1000)
                    .concatMap(events::insertMany)
                    .blockLast(WAIT);
            block(events.createIndex(Indexes.ascending("sequence")));
            assertThat(lastTwo(events)).containsExactly(2_999L, 2_998L);
            assertThat(ours.collection("db", "events").examined()).isEqualTo(2);
        }
        try (Server reopened = Server.ours(file); MongoClient client = reopened.client()) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            assertThat(lastTwo(events)).containsExactly(2_999L, 2_998L);
            assertThat(reopened.collection("db", "events").examined()).isEqualTo(2);
            assertThat(reopened.collection("db", "events").scans()).isZero();
        }
    }

    private static List<Long> lastTwo(MongoCollection<Document> events) {
        return sequences(events.find(lt("sequence", 5_000L)).sort(Sorts.descending("sequence")).limit(2));
    }

    /**
     * Writers appending in sequence order, a pruner deleting the oldest and followers paging through the log at
     * once: every page is in order, and afterwards the index holds exactly what the collection holds.
     */
    @Test
    void concurrentWritersPrunersAndFollowersLoseNothing() {
        try (Server ours = Server.ours(dataDir.resolve("concurrent.mv")); MongoClient client = ours.client()) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            block(events.createIndex(Indexes.ascending("sequence")));
            AtomicLong sequence = new AtomicLong();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            Flux<Long> writers = Flux.range(0, 4).flatMap(writer -> Flux.range(0, Integer.MAX_VALUE)
                    .takeWhile(i -> System.nanoTime() < until)
                    .concatMap(i -> {
                        long next = sequence.incrementAndGet();
                        return Mono.from(events.insertOne(new Document("_id", "e" + next).append("sequence", next)
                                .append("writer", writer))).thenReturn(1L);
                    })
                    .count());
            Flux<Long> pruner = Flux.range(0, Integer.MAX_VALUE)
                    .takeWhile(i -> System.nanoTime() < until)
                    .concatMap(i -> Mono.from(events.deleteMany(lt("sequence", sequence.get() - 200)))
                            .map(result -> result.getDeletedCount()))
                    .reduce(0L, Long::sum)
                    .flux();
            Flux<Long> followers = Flux.range(0, 2).flatMap(follower -> Flux.range(0, Integer.MAX_VALUE)
                    .takeWhile(i -> System.nanoTime() < until)
                    .concatMap(i -> Flux.from(events.find(gt("sequence", Math.max(0, sequence.get() - 150)))
                                    .sort(Sorts.ascending("sequence")).limit(50))
                            .map(event -> event.getLong("sequence"))
                            .collectList()
                            .doOnNext(page -> {
                                if (!page.equals(page.stream().sorted().distinct().toList())) {
                                    problems.add("page out of order: " + page);
                                }
                            }))
                    .count());
            List<Long> results = Flux.merge(writers.subscribeOn(Schedulers.parallel()),
                    pruner.subscribeOn(Schedulers.parallel()).map(pruned -> -pruned),
                    followers.subscribeOn(Schedulers.parallel()).map(pages -> 0L))
                    .collectList().block(Duration.ofMinutes(2));
            long written = results.stream().filter(n -> n > 0).mapToLong(Long::longValue).sum();
            long pruned = -results.stream().filter(n -> n < 0).mapToLong(Long::longValue).sum();

            assertThat(problems).isEmpty();
            assertThat(written).isEqualTo(sequence.get()).isPositive();
            List<Long> walked = sequences(events.find().sort(Sorts.ascending("sequence")));
            List<Long> scanned = sequences(events.find(exists("writer"))
                    .sort(Sorts.orderBy(Sorts.ascending("sequence"), Sorts.ascending("_id"))));
            assertThat(walked).as("the index walk and a scan").isEqualTo(scanned).doesNotHaveDuplicates()
                    .hasSize((int) (written - pruned)).isSorted();
        }
    }

    // ---- the random workload --------------------------------------------------------------------------------

    /** One random write applied to both stores; returns the filter it used, for the failure message. */
    private static Bson change(Random random, MongoCollection<Document> expected, MongoCollection<Document> actual,
            int[] nextId) {
        int kind = random.nextInt(20);
        if (kind < 8) {
            List<Document> documents = new ArrayList<>();
            for (int i = random.nextInt(12) + 1; i > 0; i--) {
                Document document = new Document("_id", String.format("d%05d", nextId[0]++))
                        .append("g", "g" + random.nextInt(3));
                int shape = random.nextInt(120);
                if (shape == 0) { // now and then a value of another kind, which sends reads back to the scan
                    document.append("n", random.nextInt(100) + 0.5);
                } else if (shape > 1) { // or no value at all
                    document.append("n", random.nextBoolean() ? (Object) (long) random.nextInt(100)
                            : (Object) random.nextInt(100));
                }
                documents.add(document);
            }
            both(expected, actual, collection -> collection.insertMany(documents.stream().map(Document::new).toList()));
            return eq("insert", documents.size());
        }
        Bson filter = range(random);
        if (kind < 11) {
            both(expected, actual, collection -> collection.deleteMany(filter));
        } else if (kind < 13) {
            both(expected, actual, collection -> collection.deleteOne(filter));
        } else if (kind < 16) {
            Bson update = Updates.inc("n", random.nextInt(21) - 10);
            both(expected, actual, collection -> collection.updateMany(and(filter, exists("n")), update));
        } else if (kind < 18) {
            Bson group = eq("g", "g" + random.nextInt(3));
            Bson update = Updates.set("n", (long) random.nextInt(100));
            both(expected, actual, collection -> collection.updateMany(group, update));
        } else if (kind < 19) {
            both(expected, actual, collection -> collection.updateOne(filter, Updates.unset("n")));
        } else {
            both(expected, actual, collection -> collection.deleteMany(or(exists("n", false), type("n", "double"))));
        }
        return filter;
    }

    private static void compareRead(Random random, MongoCollection<Document> expected,
            MongoCollection<Document> actual, Bson write) {
        Bson filter = random.nextInt(8) == 0 ? new Document() : range(random);
        int sort = random.nextInt(3) - 1;
        int limit = sort == 0 ? 0 : random.nextInt(3) == 0 ? 0 : random.nextInt(15) + 1;
        int skip = sort != 0 && random.nextInt(4) == 0 ? random.nextInt(5) : 0;
        List<Object> want = ids(expected, filter, sort, skip, limit);
        List<Object> got = ids(actual, filter, sort, skip, limit);
        String read = filter + " sort " + sort + " skip " + skip + " limit " + limit + " after " + write;
        if (sort == 0) {
            got.sort(Comparator.comparing(Object::toString));
            want.sort(Comparator.comparing(Object::toString));
        }
        assertThat(got).as(read).isEqualTo(want);
    }

    private static List<Object> ids(MongoCollection<Document> collection, Bson filter, int sort, int skip, int limit) {
        FindPublisher<Document> find = collection.find(filter).skip(skip).limit(limit);
        if (sort != 0) {
            find = find.sort(sort > 0 ? Sorts.ascending("n") : Sorts.descending("n"));
        }
        return new ArrayList<>(Flux.from(find).map(document -> document.get("_id")).collectList().block(WAIT));
    }

    /** A random condition on {@code n}: one or two ends, sometimes with a condition on another field. */
    private static Bson range(Random random) {
        List<Bson> conditions = new ArrayList<>();
        conditions.add(end(random));
        if (random.nextBoolean()) {
            conditions.add(end(random));
        }
        if (random.nextInt(3) == 0) {
            conditions.add(eq("g", "g" + random.nextInt(3)));
        }
        if (conditions.size() == 1) {
            return conditions.get(0);
        }
        if (random.nextBoolean()) {
            return and(conditions); // the driver merges distinct fields, and keeps an $and for repeated ones
        }
        return new Document("$and", conditions.stream().map(Bson::toBsonDocument).toList());
    }

    private static Bson end(Random random) {
        int number = random.nextInt(110) - 5;
        int kind = random.nextInt(12);
        Object value = kind == 0 ? (Object) (number + 0.5) : kind < 4 ? (Object) number : (Object) (long) number;
        return switch (random.nextInt(5)) {
            case 0 -> gt("n", value);
            case 1 -> gte("n", value);
            case 2 -> lt("n", value);
            case 3 -> lte("n", value);
            default -> eq("n", value);
        };
    }

    private interface Write {
        org.reactivestreams.Publisher<?> apply(MongoCollection<Document> collection);
    }

    private static void both(MongoCollection<Document> expected, MongoCollection<Document> actual, Write write) {
        Object want = Mono.from(write.apply(expected)).block(WAIT);
        Object got = Mono.from(write.apply(actual)).block(WAIT);
        assertThat(String.valueOf(got)).isEqualTo(String.valueOf(want));
    }

    private static long countAll(MongoCollection<Document> collection) {
        return Mono.from(collection.countDocuments()).block(WAIT);
    }

    private static List<Long> sequences(FindPublisher<Document> find) {
        return Flux.from(find).map(document -> ((Number) document.get("sequence")).longValue()).collectList()
                .block(WAIT);
    }

    private static void block(org.reactivestreams.Publisher<?> publisher) {
        Mono.from(publisher).block(WAIT);
    }

    /** An embedded wire server on a loopback port: upstream's H2 backend in memory, or the registry's on a file. */
    private record Server(MongoServer server, MongoBackend backend) implements AutoCloseable {

        static Server upstream() {
            return start(new H2Backend(MVStore.open(null)));
        }

        static Server ours(Path file) {
            return start(new CommittingH2Backend(MVStore.open(file.toString()), Durability.PROCESS));
        }

        private static Server start(MongoBackend backend) {
            MongoServer server = new MongoServer(backend);
            server.bind("127.0.0.1", 0);
            return new Server(server, backend);
        }

        MongoClient client() {
            return MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        }

        SnapshotH2Database.SnapshotCollection collection(String database, String name) {
            return (SnapshotH2Database.SnapshotCollection) backend.resolveDatabase(database)
                    .resolveCollection(name, true);
        }

        @Override
        public void close() {
            server.shutdownNow();
            backend.close();
        }
    }
}
