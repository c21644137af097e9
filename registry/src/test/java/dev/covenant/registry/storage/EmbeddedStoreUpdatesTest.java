package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every kind of update over the wire stores a new version of the document, in the BSON and key layouts of the
 * embedded store (ADR 0034, ADR 0037): after a restart the store holds exactly what it answered before it, and the
 * unique index still finds the renamed document.
 */
class EmbeddedStoreUpdatesTest {

    @TempDir
    Path dataDir;

    @Test
    void everyKindOfUpdateIsWrittenAsItsNewVersionAndSurvivesARestart() {
        List<Document> answered;
        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("covenant").getCollection("things");
            block(things.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true)));
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 300; i++) { // several pages of the document map and of the index
                documents.add(new Document("_id", String.format("t-%03d", i)).append("name", "thing " + i)
                        .append("n", i).append("nested", new Document("a", i).append("list", List.of(1, 2)))
                        .append("tags", List.of("x")));
            }
            block(things.insertMany(documents));

            // each write below commits, writing its page again with its other documents
            block(things.updateOne(Filters.eq("_id", "t-001"), Updates.set("name", "renamed")));
            block(things.updateOne(Filters.eq("_id", "t-002"), Updates.set("nested.a", -2)));
            block(things.updateOne(Filters.eq("_id", "t-003"), Updates.inc("n", 100)));
            block(things.updateOne(Filters.eq("_id", "t-004"), Updates.push("tags", "y")));
            block(things.updateOne(Filters.eq("_id", "t-005"), Updates.unset("nested")));
            block(things.replaceOne(Filters.eq("_id", "t-006"), new Document("_id", "t-006").append("name", "new")));
            block(things.findOneAndUpdate(Filters.eq("_id", "t-007"), Updates.set("nested.list.0", 9),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
            block(things.findOneAndReplace(Filters.eq("_id", "t-008"), new Document("name", "replaced 8")));
            block(things.updateOne(Filters.eq("_id", "t-new"), Updates.set("name", "upserted"),
                    new UpdateOptions().upsert(true)));
            block(things.updateMany(Filters.lt("n", 10), Updates.set("small", true)));
            block(things.updateOne(Filters.eq("_id", "t-011"), Updates.set("nested.a", 1)));
            block(things.updateOne(Filters.eq("_id", "t-011"), Updates.inc("nested.a", 1)));
            block(things.updateOne(Filters.and(Filters.eq("_id", "t-012"), Filters.eq("n", 12)),
                    Updates.combine(Updates.set("guarded", true), Updates.pull("tags", "x"))));
            block(things.deleteOne(Filters.eq("_id", "t-013")));

            answered = Flux.from(things.find().sort(Sorts.ascending("_id"))).collectList()
                    .block(Duration.ofSeconds(30));
        }
        assertThat(answered).hasSize(300);
        assertThat(answered.get(1).getString("name")).isEqualTo("renamed");
        assertThat(answered.get(11).get("nested", Document.class).getInteger("a")).isEqualTo(2);
        assertThat(answered.get(3).getInteger("n")).isEqualTo(103);
        assertThat(answered.get(4).getList("tags", String.class)).containsExactly("x", "y");
        assertThat(answered.get(5)).doesNotContainKey("nested");
        assertThat(answered.get(8).getString("name")).isEqualTo("replaced 8");
        assertThat(answered.get(7).get("nested", Document.class).getList("list", Integer.class)).containsExactly(9, 2);
        assertThat(answered.get(9).getBoolean("small")).isTrue();
        assertThat(answered.get(12).getList("tags", String.class)).isEmpty();
        assertThat(answered.get(299).getString("name")).isEqualTo("upserted");

        try (EmbeddedMongo reopened = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS);
                MongoClient client = MongoClients.create(reopened.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("covenant").getCollection("things");
            assertThat(Flux.from(things.find().sort(Sorts.ascending("_id"))).collectList()
                    .block(Duration.ofSeconds(30))).isEqualTo(answered);
            assertThat(block(things.find(Filters.eq("name", "renamed")).first()).getString("_id")).isEqualTo("t-001");
        }
    }

    private static <T> T block(org.reactivestreams.Publisher<T> publisher) {
        return Mono.from(publisher).block(Duration.ofSeconds(30));
    }
}
