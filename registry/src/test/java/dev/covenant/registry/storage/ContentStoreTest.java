package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.RegistryTest;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Blobs are compressed, de-duplicated, and split when they would not fit MongoDB's 16 MB document limit. */
class ContentStoreTest extends RegistryTest {

    @Autowired
    ContentStore contents;

    @Autowired
    MongoDatabase database;

    @Test
    void incompressibleTwentyMegabytesAreChunkedAndReadBackIdentical() {
        byte[] noise = new byte[20 * 1024 * 1024];
        new Random(42).nextBytes(noise);
        String id = unique("noise");

        StepVerifier.create(contents.put(id, noise, "application/octet-stream"))
                .assertNext(stored -> assertThat(stored).isGreaterThan(16 * 1024 * 1024))
                .verifyComplete();
        StepVerifier.create(contents.get(id))
                .assertNext(read -> assertThat(read).isEqualTo(noise))
                .verifyComplete();
        StepVerifier.create(Mono.from(database.getCollection("contents").find(new Document("_id", id)).first()))
                .assertNext(header -> assertThat(header.getInteger("chunks")).isEqualTo(3))
                .verifyComplete();
    }

    @Test
    void writingTheSameIdTwiceStoresOnce() {
        String id = unique("same");
        byte[] text = "hello hello hello".getBytes();
        StepVerifier.create(contents.put(id, text, "text/plain")).assertNext(n -> assertThat(n).isPositive()).verifyComplete();
        StepVerifier.create(contents.put(id, text, "text/plain")).expectNext(0).verifyComplete();
        StepVerifier.create(Mono.from(database.getCollection("contents").countDocuments(new Document("_id", id))))
                .expectNext(1L).verifyComplete();
    }

    @Test
    void unknownIdIsEmpty() {
        StepVerifier.create(contents.get("nope")).verifyComplete();
    }
}
