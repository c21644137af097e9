package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The embedded store's data file holds every acknowledged write at the moment it is acknowledged: a copy of the
 * file taken right after the answer (what a {@code kill -9} leaves on disk) opens with the write in it.
 */
class EmbeddedMongoDurabilityTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    // bulk promises nothing per write (a bulk load's store is thrown away if the load fails); HistorySeederTest
    // reopens a bulk-loaded store and reads it
    @EnumSource(value = Durability.class, names = "BULK", mode = EnumSource.Mode.EXCLUDE)
    void everyAcknowledgedWriteIsInTheFileWhenItsAnswerArrives(Durability durability) throws IOException {
        Path live = dir.resolve("live");
        List<Integer> seen;
        try (EmbeddedMongo store = new EmbeddedMongo(live.toString(), durability);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("covenant").getCollection("items");
            for (int n = 0; n < 20; n++) {
                Mono.from(items.insertOne(new Document("_id", n))).block(Duration.ofSeconds(10));
            }
            Mono.from(items.updateOne(new Document("_id", 3), new Document("$set", new Document("changed", true))))
                    .block(Duration.ofSeconds(10));
            Mono.from(items.deleteOne(new Document("_id", 4))).block(Duration.ofSeconds(10));
            Path copy = crashCopy(live, "copy");
            seen = idsIn(copy, "items");
            assertThat(changed(copy, 3)).as("the update is in the file").isTrue();
        }
        assertThat(seen).as("inserts 0..19 but 4, deleted").hasSize(19).doesNotContain(4).contains(0, 19);
    }

    @Test
    void concurrentWritesShareCommits() throws IOException {
        Path live = dir.resolve("live");
        int writers = 8;
        int perWriter = 40;
        try (EmbeddedMongo store = new EmbeddedMongo(live.toString(), Durability.PROCESS);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("covenant").getCollection("items");
            ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
            long before = store.commits();
            Flux.range(0, writers)
                    .flatMap(w -> Flux.range(0, perWriter)
                            .concatMap(n -> Mono.from(items.insertOne(new Document("_id", w * 1000 + n)))
                                    .doOnSuccess(ok -> acknowledged.add(w * 1000 + n)))
                            .subscribeOn(Schedulers.parallel()), writers)
                    .blockLast(Duration.ofSeconds(60));
            long commits = store.commits() - before;
            assertThat(acknowledged).hasSize(writers * perWriter);
            assertThat(idsIn(crashCopy(live, "copy"), "items")).containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(commits).as("%d writes, %d commits", writers * perWriter, commits)
                    .isPositive().isLessThan(writers * perWriter);
        }
    }

    /** The data file as a kill would leave it: copied while the server runs, nothing flushed on the way. */
    Path crashCopy(Path live, String name) throws IOException {
        Path copy = dir.resolve(name);
        Files.createDirectories(copy);
        Files.copy(live.resolve("covenant.mv"), copy.resolve("covenant.mv"));
        return copy;
    }

    static List<Integer> idsIn(Path data, String collection) {
        try (EmbeddedMongo store = new EmbeddedMongo(data.toString(), Durability.PROCESS);
                MongoClient client = MongoClients.create(store.connectionString())) {
            return Flux.from(client.getDatabase("covenant").getCollection(collection).find())
                    .map(document -> document.getInteger("_id"))
                    .collectList()
                    .block(Duration.ofSeconds(10));
        }
    }

    static boolean changed(Path data, int id) {
        try (EmbeddedMongo store = new EmbeddedMongo(data.toString(), Durability.PROCESS);
                MongoClient client = MongoClients.create(store.connectionString())) {
            Document found = Mono.from(client.getDatabase("covenant").getCollection("items")
                    .find(new Document("_id", id)).first()).block(Duration.ofSeconds(10));
            return found != null && Boolean.TRUE.equals(found.getBoolean("changed"));
        }
    }
}
