package dev.covenant.registry.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Queries that require one {@code _id} besides other conditions (the guarded head updates) are answered from the
 * {@code _id} index by the embedded store, over the wire, with the same answers as a scan.
 */
class EmbeddedStoreIdQueriesTest {

    @TempDir
    Path dataDir;

    private EmbeddedMongo store;
    private MongoClient client;
    private MongoCollection<Document> heads;

    @BeforeEach
    void start() {
        store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS);
        client = MongoClients.create(store.connectionString());
        heads = client.getDatabase("covenant").getCollection("heads");
        Flux.range(0, 500)
                .map(n -> new Document("_id", "k" + n).append("order", (long) n).append("app", "a" + n % 7))
                .buffer(100)
                .concatMap(batch -> heads.insertMany(batch))
                .blockLast(Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        client.close();
        store.close();
    }

    @Test
    void aGuardedUpdateMovesAHeadForwardOnlyAndAnUpsertCreatesAMissingOne() {
        assertThat(moveTo("k5", 3L)).as("guard fails: 5 is not before 3").isZero();
        assertThat(moveTo("k5", 9L)).isEqualTo(1);
        assertThat(find(eq("_id", "k5")).get(0).getLong("order")).isEqualTo(9L);

        Bson guard = and(eq("_id", "new"), or(exists("order", false), lt("order", 4L)));
        Mono.from(heads.updateOne(guard, Updates.set("order", 4L), new UpdateOptions().upsert(true))).block();
        assertThat(find(eq("_id", "new")).get(0).getLong("order")).isEqualTo(4L);
        assertThatThrownBy(() -> Mono.from(heads.updateOne(guard, Updates.set("order", 2L),
                new UpdateOptions().upsert(true))).block())
                .as("as on MongoDB: the guard fails, the upsert then hits the existing _id")
                .hasMessageContaining("E11000");
    }

    @Test
    void queriesWithAnIdAndMoreConditionsAnswerAsAScanWould() {
        assertThat(find(and(eq("_id", "k7"), eq("app", "a0")))).extracting(document -> document.get("_id"))
                .containsExactly("k7");
        assertThat(find(and(eq("_id", "k7"), eq("app", "a1")))).isEmpty();
        assertThat(find(new Document("_id", "k8").append("app", "a1"))).hasSize(1);
        assertThat(find(and(eq("app", "a3"), eq("_id", "missing")))).isEmpty();
        assertThat(find(or(eq("_id", "k1"), eq("_id", "k2")))).as("no single _id required: a scan").hasSize(2);
        assertThat(find(and(in("_id", List.of("k1", "k2", "k3")), eq("app", "a2")))).hasSize(1);
        assertThat(Mono.from(heads.countDocuments(and(eq("_id", "k9"), lt("order", 10L)))).block()).isEqualTo(1L);
        assertThat(Mono.from(heads.deleteOne(and(eq("_id", "k9"), eq("order", 9L)))).block().getDeletedCount())
                .isEqualTo(1L);
        assertThat(find(eq("_id", "k9"))).isEmpty();
    }

    @Test
    void theRequiredIdIsFoundAtTheTopLevelOrInATopLevelAndOnly() {
        var top = new de.bwaldvogel.mongo.bson.Document("_id", "a").append("x", 1);
        var nested = new de.bwaldvogel.mongo.bson.Document("$and", List.of(
                new de.bwaldvogel.mongo.bson.Document("x", 1), new de.bwaldvogel.mongo.bson.Document("_id", 7L)));
        var either = new de.bwaldvogel.mongo.bson.Document("$or", List.of(
                new de.bwaldvogel.mongo.bson.Document("_id", "a")));
        var operator = new de.bwaldvogel.mongo.bson.Document("_id",
                new de.bwaldvogel.mongo.bson.Document("$gt", "a"));

        assertThat(SnapshotH2Database.SnapshotCollection.requiredId(top)).isEqualTo("a");
        assertThat(SnapshotH2Database.SnapshotCollection.requiredId(nested)).isEqualTo(7L);
        assertThat(SnapshotH2Database.SnapshotCollection.requiredId(either)).isNull();
        assertThat(SnapshotH2Database.SnapshotCollection.requiredId(operator)).isNull();
    }

    private long moveTo(String id, long order) {
        Bson guard = and(eq("_id", id), or(exists("order", false), lt("order", order)));
        return Mono.from(heads.updateOne(guard, Updates.set("order", order))).block().getModifiedCount();
    }

    private List<Document> find(Bson filter) {
        return Flux.from(heads.find(filter)).collectList().block(Duration.ofSeconds(30));
    }
}
