package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The embedded store's page cache is sized as configured, and the warm-up reads every document and {@code _id}
 * index entry of the collections asked for (none of the others), within its budget, while writes go on.
 */
class EmbeddedWarmUpTest {

    @TempDir
    Path dataDir;

    @Test
    void warmUpReadsTheDocumentsAndIdIndexOfTheHotCollectionsOnly() {
        seed(Durability.PROCESS);
        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS, 64)) {
            assertThat(store.cacheMegabytes()).isEqualTo(64);

            EmbeddedMongo.WarmUp done = store.warm("covenant", List.of("heads", "versions", "absent"), 64);

            // two maps per collection found (documents and their _id index), every entry of each read once
            assertThat(done.mapsFound()).isEqualTo(4);
            assertThat(done.mapsWarmed()).isEqualTo(4);
            assertThat(done.entries()).isEqualTo(2L * (300 + 1_200));
            assertThat(done.cacheUsedMegabytes()).isPositive().isLessThanOrEqualTo(64);
            assertThat(done.cacheMegabytes()).isEqualTo(64);
        }
    }

    @Test
    void warmUpStopsAtItsBudget() {
        seed(Durability.PROCESS);
        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS, 16)) {
            EmbeddedMongo.WarmUp done = store.warm("covenant", List.of("heads", "versions"), 0);

            assertThat(done.mapsWarmed()).isZero();
            assertThat(done.entries()).isZero();
        }
    }

    @Test
    void writesDuringTheWarmUpAreKeptAndReadable() throws Exception {
        seed(Durability.PROCESS);
        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS, 64);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> versions = client.getDatabase("covenant").getCollection("versions");
            CompletableFuture<EmbeddedMongo.WarmUp> warming = CompletableFuture.supplyAsync(
                    () -> store.warm("covenant", List.of("heads", "versions"), 64));
            Flux.range(0, 200)
                    .concatMap(i -> Mono.from(versions.insertOne(new Document("_id", "new-" + i).append("n", i))))
                    .blockLast(Duration.ofSeconds(60));

            EmbeddedMongo.WarmUp done = warming.get();

            assertThat(done.entries()).isGreaterThanOrEqualTo(2L * (300 + 1_200));
            assertThat(block(versions.countDocuments())).isEqualTo(1_400L);
            assertThat(block(versions.find(Filters.eq("_id", "new-199")).first()).getInteger("n")).isEqualTo(199);
            assertThat(block(versions.find(Filters.eq("_id", "v-1199")).first()).getInteger("n")).isEqualTo(1199);
        }
    }

    @Test
    void defaultCacheIsAQuarterOfTheHeapAndAtLeastH2sDefault() {
        assertThat(StorageProperties.defaultCacheSize(768L << 20)).isEqualTo(192);
        assertThat(StorageProperties.defaultCacheSize(32L << 20)).isEqualTo(16);
    }

    /** heads: 300 documents, versions: 1,200, other: 500 (not asked for). */
    private void seed(Durability durability) {
        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), durability, 16);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase database = client.getDatabase("covenant");
            insert(database.getCollection("heads"), "h-", 300);
            insert(database.getCollection("versions"), "v-", 1_200);
            insert(database.getCollection("other"), "o-", 500);
        }
    }

    private static void insert(MongoCollection<Document> collection, String prefix, int count) {
        List<Document> documents = IntStream.range(0, count)
                .mapToObj(i -> new Document("_id", prefix + i).append("n", i).append("text", "x".repeat(200)))
                .toList();
        block(collection.insertMany(documents));
    }

    private static <T> T block(org.reactivestreams.Publisher<T> publisher) {
        return Mono.from(publisher).block(Duration.ofSeconds(30));
    }
}
