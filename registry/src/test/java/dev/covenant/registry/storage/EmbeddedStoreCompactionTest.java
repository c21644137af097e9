package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * A data file of mostly dead pages is rewritten at start, smaller, with every acknowledged write in it; one of mostly
 * live pages is opened as it is.
 */
class EmbeddedStoreCompactionTest {

    private static final int UPDATES = 2_000;

    @TempDir
    Path dataDir;

    @Test
    void compactionAtStartShrinksTheFileAndKeepsEveryWrite() throws Exception {
        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("covenant").getCollection("things");
            block(things.insertOne(new Document("_id", "kept").append("name", "bolt")));
            for (int i = 0; i < UPDATES; i++) { // every write is its own commit, so its own chunk
                block(things.updateOne(Filters.eq("_id", "counter"), Updates.inc("n", 1),
                        new UpdateOptions().upsert(true)));
            }
        }
        Path file = dataDir.resolve("covenant.mv");
        long before = Files.size(file);

        EmbeddedMongo.compactAtStart(file, 0);

        assertThat(Files.size(file)).isLessThan(before / 4);
        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("covenant").getCollection("things");
            assertThat(block(things.find(Filters.eq("_id", "kept")).first()).getString("name")).isEqualTo("bolt");
            assertThat(block(things.find(Filters.eq("_id", "counter")).first()).getInteger("n")).isEqualTo(UPDATES);
        }
    }

    @Test
    void aSmallFileIsOpenedAsItIs() throws Exception {
        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS);
                MongoClient client = MongoClients.create(store.connectionString())) {
            block(client.getDatabase("covenant").getCollection("things").insertOne(new Document("_id", "a")));
        }
        Path file = dataDir.resolve("covenant.mv");
        long modified = Files.getLastModifiedTime(file).toMillis();
        long size = Files.size(file);

        EmbeddedMongo.compactAtStart(file, Long.MAX_VALUE);

        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
    }

    @Test
    void aFileOfLiveDataIsNotRewritten() throws Exception {
        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS);
                MongoClient client = MongoClients.create(store.connectionString())) {
            // one command, one commit: one chunk, all of it live
            block(client.getDatabase("covenant").getCollection("things").insertMany(java.util.stream.IntStream
                    .range(0, 5_000)
                    .mapToObj(i -> new Document("_id", "thing-" + i).append("text", "x".repeat(200)))
                    .toList()));
        }
        Path file = dataDir.resolve("covenant.mv");
        long modified = Files.getLastModifiedTime(file).toMillis();
        long size = Files.size(file);

        EmbeddedMongo.compactAtStart(file, 0);

        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS);
                MongoClient client = MongoClients.create(store.connectionString())) {
            assertThat(block(client.getDatabase("covenant").getCollection("things").countDocuments())).isEqualTo(5_000L);
        }
    }

    private static <T> T block(org.reactivestreams.Publisher<T> publisher) {
        return Mono.from(publisher).block(Duration.ofSeconds(30));
    }
}
