package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The history lists on the embedded server over the wire: order, chunks, concurrent writers, dangling ids, build. */
class HistoryIndexTest {

    @TempDir
    Path dataDir;

    private EmbeddedMongo store;
    private MongoClient client;
    private MongoDatabase database;
    private HistoryIndex index;
    private HistoryIndex.Kind kind;
    private final ReadCounter reads = new ReadCounter();

    @BeforeEach
    void start() {
        store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS);
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(store.connectionString()))
                .addCommandListener(reads)
                .build());
        database = client.getDatabase("covenant");
        index = new HistoryIndex(database);
        kind = index.register("things", "things", List.of("owner"), document -> document.getString("owner"));
    }

    @AfterEach
    void stop() {
        client.close();
        store.close();
    }

    @Test
    void idsComeBackInAppendOrderAcrossChunkRollovers() {
        List<String> appended = ids("a", HistoryIndex.CHUNK * 2 + 7);
        Flux.fromIterable(appended).concatMap(id -> index.add(kind, "a", id)).blockLast(Duration.ofSeconds(60));

        assertThat(index.ids(kind, "a").collectList().block()).containsExactlyElementsOf(appended);
        assertThat(block(database.getCollection("history_index").countDocuments(Filters.regex("_id", "^things:a:"))))
                .as("three chunk documents, each bounded").isEqualTo(3L);
        assertThat(index.ids(kind, "other").collectList().block()).isEmpty();
    }

    @Test
    void concurrentAppendsFromSeveralWritersLoseNothing() {
        List<String> appended = ids("c", 1_200);
        Flux.fromIterable(appended)
                .flatMap(id -> index.add(kind, "c", id), 16)
                .blockLast(Duration.ofSeconds(120));

        List<String> read = index.ids(kind, "c").collectList().block();
        assertThat(read).hasSize(appended.size()).containsExactlyInAnyOrderElementsOf(appended);
    }

    @Test
    void twoInstancesAppendingToOneListNeverOverfillAChunkAndAnAppendIsOneCommand() {
        HistoryIndex other = new HistoryIndex(database); // another registry on the same store
        HistoryIndex.Kind otherKind = other.register("things", "things", List.of("owner"),
                document -> document.getString("owner"));
        List<String> appended = ids("t", HistoryIndex.CHUNK * 2 + 40);
        index.add(kind, "t", appended.get(0)).block(); // the first append reads the head once, then knows the list
        long commands = reads.commands();
        for (int n = 1; n < HistoryIndex.CHUNK; n++) {
            index.add(kind, "t", appended.get(n)).block();
        }
        assertThat(reads.commands() - commands).as("one command per append").isEqualTo(HistoryIndex.CHUNK - 1);
        for (int n = HistoryIndex.CHUNK; n < appended.size(); n++) {
            (n % 3 == 0 ? other.add(otherKind, "t", appended.get(n)) : index.add(kind, "t", appended.get(n))).block();
        }

        assertThat(index.ids(kind, "t").collectList().block()).containsExactlyElementsOf(appended);
        Flux.from(database.getCollection("history_index").find(Filters.regex("_id", "^things:t:")))
                .doOnNext(chunk -> assertThat(chunk.getList("ids", String.class)).hasSizeLessThanOrEqualTo(HistoryIndex.CHUNK))
                .blockLast(Duration.ofSeconds(10));

        // a crash between the push and the count: the id is in the next chunk, the head does not count it
        block(database.getCollection("history_index").updateOne(Filters.eq("_id", "things:t:3"),
                Updates.push("ids", "t-lost-count"), new UpdateOptions().upsert(true)));
        block(database.getCollection("history_index").updateOne(Filters.eq("_id", "things:t:2"),
                Updates.push("ids", "t-filler"), new UpdateOptions().upsert(true)));
        assertThat(index.ids(kind, "t").collectList().block()).as("read one chunk past the count")
                .endsWith("t-filler", "t-lost-count");
    }

    @Test
    void anIdAppendedTwiceIsReadOnceAndAnIdWithoutItsRecordIsSkipped() {
        index.add(kind, "a", "r1").then(index.add(kind, "a", "r2")).then(index.add(kind, "a", "r1")).block();
        block(database.getCollection("things").insertOne(new Document("_id", "r2").append("owner", "a")));

        assertThat(index.ids(kind, "a").collectList().block()).containsExactly("r1", "r2");
        assertThat(index.records(kind, "a").map(document -> document.getString("_id")).collectList().block())
                .as("r1 was appended but its record never written (a crash in between)")
                .containsExactly("r2");
    }

    @Test
    void aStoreWrittenWithoutTheIndexGetsItBuiltOnceAndAppendsContinueAfterIt() {
        List<String> written = ids("b", HistoryIndex.CHUNK + 3);
        Flux.fromIterable(written)
                .concatMap(id -> database.getCollection("things").insertOne(new Document("_id", id).append("owner",
                        id.startsWith("b") ? "b" : "x")))
                .blockLast(Duration.ofSeconds(60));
        block(database.getCollection("things").insertOne(new Document("_id", "x-1").append("owner", "x")));

        index.buildMissing();
        index.add(kind, "b", "b-new").block();

        assertThat(index.ids(kind, "b").collectList().block()).hasSize(written.size() + 1)
                .startsWith(written.get(0)).endsWith("b-new");
        assertThat(index.ids(kind, "x").collectList().block()).containsExactly("x-1");

        block(database.getCollection("things").insertOne(new Document("_id", "x-2").append("owner", "x")));
        index.buildMissing();
        assertThat(index.ids(kind, "x").collectList().block())
                .as("built once: a second start does not rescan").containsExactly("x-1");
    }

    @Test
    void windowsFromTheNewestEndReadOnlyTheRecordsTheyShowAndPageBackToTheFirst() {
        List<String> appended = ids("w", HistoryIndex.CHUNK + 130);
        Flux.fromIterable(appended).concatMap(id -> index.add(kind, "w", id)).blockLast(Duration.ofSeconds(60));
        Flux.fromIterable(appended)
                .concatMap(id -> database.getCollection("things").insertOne(new Document("_id", id).append("owner", "w")))
                .blockLast(Duration.ofSeconds(60));
        List<String> newestFirst = new java.util.ArrayList<>(appended);
        java.util.Collections.reverse(newestFirst);

        long before = reads.documents("things");
        HistoryIndex.Window newest = index.newest(kind, "w", null, 50, record -> true).block();
        assertThat(reads.documents("things") - before)
                .as("the window's records and one more (to know that older ones exist), not the %d of the list",
                        appended.size())
                .isEqualTo(51);
        assertThat(names(newest)).containsExactlyElementsOf(newestFirst.subList(0, 50));
        assertThat(newest.listed()).isEqualTo(appended.size());
        assertThat(newest.older()).isNotNull();

        // across the chunk boundary (386 ids: chunk 1 holds the newest 130)
        HistoryIndex.Window second = index.newest(kind, "w", newest.older(), 50, record -> true).block();
        HistoryIndex.Window third = index.newest(kind, "w", second.older(), 50, record -> true).block();
        assertThat(names(second)).containsExactlyElementsOf(newestFirst.subList(50, 100));
        assertThat(names(third)).containsExactlyElementsOf(newestFirst.subList(100, 150));

        List<String> walked = new java.util.ArrayList<>();
        Long cursor = null;
        int windows = 0;
        do {
            HistoryIndex.Window window = index.newest(kind, "w", cursor, 50, record -> true).block();
            walked.addAll(names(window));
            cursor = window.older();
            windows++;
        } while (cursor != null);
        assertThat(walked).as("following the cursors shows every record once, newest first")
                .containsExactlyElementsOf(newestFirst);
        assertThat(windows).isEqualTo((appended.size() + 49) / 50);
        assertThat(index.newest(kind, "nobody", null, 50, record -> true).block())
                .isEqualTo(new HistoryIndex.Window(List.of(), 0, null));
    }

    @Test
    void readingNewestFirstLazilyReadsOnlyTheWindowsTaken() {
        List<String> appended = ids("z", 450);
        Flux.fromIterable(appended).concatMap(id -> index.add(kind, "z", id)).blockLast(Duration.ofSeconds(60));
        Flux.fromIterable(appended)
                .concatMap(id -> database.getCollection("things").insertOne(new Document("_id", id).append("owner", "z")))
                .blockLast(Duration.ofSeconds(60));

        long before = reads.documents("things");
        List<String> firstTen = index.newestFirst(kind, "z", 100, record -> true)
                .map(record -> record.getString("_id")).take(10).collectList().block();
        assertThat(firstTen).containsExactly("z-449", "z-448", "z-447", "z-446", "z-445", "z-444", "z-443", "z-442",
                "z-441", "z-440");
        assertThat(reads.documents("things") - before).as("one window of 100 (and its look-ahead record)")
                .isLessThanOrEqualTo(101);

        List<String> all = index.newestFirst(kind, "z", 100, record -> true)
                .map(record -> record.getString("_id")).collectList().block();
        List<String> newestFirst = new java.util.ArrayList<>(appended);
        java.util.Collections.reverse(newestFirst);
        assertThat(all).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void aWindowSkipsIdsWithoutARecordAndShowsAnIdAppendedTwiceOnceAtItsNewestPlace() {
        // r1 r2 r3 r4 (no record) r5 r2 r6: newest first r6 r2 r5 r3 r1
        for (String id : List.of("r1", "r2", "r3", "r4", "r5", "r2", "r6")) {
            index.add(kind, "d", id).block();
        }
        for (String id : List.of("r1", "r2", "r3", "r5", "r6")) {
            block(database.getCollection("things").insertOne(new Document("_id", id).append("owner", "d")));
        }

        HistoryIndex.Window first = index.newest(kind, "d", null, 2, record -> true).block();
        HistoryIndex.Window second = index.newest(kind, "d", first.older(), 2, record -> true).block();
        HistoryIndex.Window last = index.newest(kind, "d", second.older(), 2, record -> true).block();

        assertThat(names(first)).containsExactly("r6", "r2");
        assertThat(names(second)).as("r4 has no record; r2's older copy was shown already").containsExactly("r5", "r3");
        assertThat(names(last)).containsExactly("r1");
        assertThat(last.older()).isNull();
        assertThat(names(index.newest(kind, "d", null, 10, record -> !record.getString("_id").equals("r5")).block()))
                .as("records the caller does not accept are left out").containsExactly("r6", "r2", "r3", "r1");

        // pages by number cut the positions: never a record twice, short where ids have no record or repeat
        assertThat(names(index.page(kind, "d", 1, 3, record -> true).block())).containsExactly("r6", "r2", "r5");
        assertThat(names(index.page(kind, "d", 2, 3, record -> true).block())).containsExactly("r3");
        assertThat(names(index.page(kind, "d", 3, 3, record -> true).block())).containsExactly("r1");
        assertThat(index.page(kind, "d", 4, 3, record -> true).block().records()).isEmpty();
        assertThat(index.page(kind, "d", 1, 3, record -> true).block().listed()).isEqualTo(7);
    }

    private static List<String> names(HistoryIndex.Window window) {
        return window.records().stream().map(record -> record.getString("_id")).toList();
    }

    private static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(n -> prefix + "-" + n).toList();
    }

    private static <T> T block(org.reactivestreams.Publisher<T> publisher) {
        return Mono.from(publisher).block(Duration.ofSeconds(30));
    }
}
