package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A data file written by the previous release (mongo-java-server's H2 backend as it is: documents Java-serialised by
 * H2's ObjectDataType) is converted once at start and keeps every document, index and collection; a conversion
 * interrupted half-way leaves the old file as it was and is done again at the next start.
 */
class StoreFormatUpgradeTest {

    private static final List<String> COLLECTIONS = List.of("applications", "pacts", "verifications");

    @TempDir
    Path dataDir;

    /** Writes a store the way the previous release did and returns what each collection holds. */
    private List<List<Document>> writeInThePreviousFormat() {
        List<List<Document>> written = new ArrayList<>();
        H2Backend previous = new H2Backend(MVStore.open(dataDir.resolve("covenant.mv").toString()));
        MongoServer server = new MongoServer(previous);
        server.bind("127.0.0.1", 0);
        try (MongoClient client = client("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoDatabase database = client.getDatabase("covenant");
            for (String name : COLLECTIONS) {
                MongoCollection<Document> collection = database.getCollection(name);
                block(collection.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true)));
                List<Document> documents = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    documents.add(new Document("_id", name.equals("verifications") ? new ObjectId() : name + "-" + i)
                            .append("name", name + " " + i)
                            .append("order", (long) i)
                            .append("score", i / 4.0)
                            .append("passed", i % 2 == 0)
                            .append("publishedAt", new Date(1_700_000_000_000L + i))
                            .append("content", new Binary(("content " + i).getBytes()))
                            .append("token", UUID.nameUUIDFromBytes(("t" + i).getBytes()))
                            .append("branches", List.of("main", "feature-" + i))
                            .append("head", new Document("version", "1." + i).append("tags", List.of()))
                            .append("deletedAt", null));
                }
                block(collection.insertMany(documents));
                written.add(documents);
            }
        } finally {
            server.shutdown();
            previous.close();
        }
        return written;
    }

    /**
     * Writes a store the way the release before this one did (documents as BSON, keys and index positions
     * Java-serialised by H2's ObjectDataType, index keys in {@link IndexKeyType}'s order, format "bson-1"): the
     * previous format's file, converted as that release converted it. Returns what each collection holds.
     */
    private List<List<Document>> writeInTheFormatWithSerialisedKeys() throws Exception {
        List<List<Document>> written = writeInThePreviousFormat();
        Path file = dataDir.resolve("covenant.mv");
        Path copy = dataDir.resolve("bson-1.mv");
        MVStore source = MVStore.open(file.toString());
        MVStore target = MVStore.open(copy.toString());
        for (String name : source.getMapNames()) {
            MVMap<Object, Object> from = source.openMap(name);
            if (name.startsWith(StoreFormat.DOCUMENTS_PREFIX)) {
                target.openMap(name, new MVMap.Builder<Object, Object>().valueType(
                        (DataType<Object>) (DataType<?>) BsonDocumentType.INSTANCE)).putAll(from);
            } else if (name.contains(StoreFormat.INDEX_INFIX)) {
                target.openMap(name, new MVMap.Builder<Object, Object>().keyType(new SerialisedIndexKeys()))
                        .putAll(from);
            } else {
                target.openMap(name).putAll(from);
            }
        }
        target.openMap(StoreFormat.FORMAT_MAP).put(StoreFormat.DOCUMENTS_KEY,
                StoreFormat.DOCUMENTS_BSON_SERIALISED_KEYS);
        target.close();
        source.close();
        Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING);
        return written;
    }

    /** The index keys of the format "bson-1": compared as now, written by H2's ObjectDataType. */
    private static final class SerialisedIndexKeys extends ObjectDataType {
        private final IndexKeyType order = new IndexKeyType();

        @Override
        public int compare(Object a, Object b) {
            return order.compare(a, b);
        }
    }

    private void assertHolds(EmbeddedMongo store, List<List<Document>> written) {
        try (MongoClient client = client(store.connectionString())) {
            MongoDatabase database = client.getDatabase("covenant");
            for (int c = 0; c < COLLECTIONS.size(); c++) {
                MongoCollection<Document> collection = database.getCollection(COLLECTIONS.get(c));
                List<Document> stored = Flux.from(collection.find().sort(Sorts.ascending("order")))
                        .collectList().block(Duration.ofSeconds(30));
                assertThat(stored).containsExactlyElementsOf(written.get(c));
                Document any = written.get(c).get(123);
                assertThat(block(collection.find(Filters.eq("name", any.getString("name"))).first())).isEqualTo(any);
                // the unique index came along
                assertThatThrownBy(() -> block(collection.insertOne(new Document("_id", "dup")
                        .append("name", any.getString("name"))))).isInstanceOf(MongoWriteException.class);
            }
        }
    }

    @Test
    void aStoreOfThePreviousFormatIsConvertedOnceAndKeepsEverything() throws Exception {
        List<List<Document>> written = writeInThePreviousFormat();
        Path file = dataDir.resolve("covenant.mv");

        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS)) {
            assertHolds(store, written);
            try (MongoClient client = client(store.connectionString())) {
                block(client.getDatabase("covenant").getCollection("applications")
                        .insertOne(new Document("_id", "after").append("name", "written after the conversion")));
            }
        }

        assertThat(StoreFormat.upgrade(file)).as("converted only once").isFalse();
        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS);
                MongoClient client = client(store.connectionString())) {
            assertThat(block(client.getDatabase("covenant").getCollection("applications")
                    .find(Filters.eq("_id", "after")).first()).getString("name"))
                    .isEqualTo("written after the conversion");
            assertThat(block(client.getDatabase("covenant").getCollection("pacts").countDocuments())).isEqualTo(300L);
        }
        assertThat(dataDir.resolve("covenant.mv" + StoreFormat.CONVERTING_SUFFIX)).doesNotExist();
    }

    @Test
    void aConversionInterruptedHalfWayLeavesTheOldFileAndIsDoneAgainAtTheNextStart() throws Exception {
        List<List<Document>> written = writeInThePreviousFormat();
        Path file = dataDir.resolve("covenant.mv");
        byte[] before = Files.readAllBytes(file);
        AtomicInteger maps = new AtomicInteger();

        assertThatThrownBy(() -> StoreFormat.upgrade(file, name -> {
            if (name.startsWith(StoreFormat.DOCUMENTS_PREFIX) && maps.incrementAndGet() == 2) {
                throw new IllegalStateException("killed half-way");
            }
        })).hasMessage("killed half-way");

        assertThat(Files.readAllBytes(file)).as("the old file is untouched").isEqualTo(before);
        assertThat(dataDir.resolve("covenant.mv" + StoreFormat.CONVERTING_SUFFIX)).exists();
        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS)) {
            assertHolds(store, written);
        }
        assertThat(dataDir.resolve("covenant.mv" + StoreFormat.CONVERTING_SUFFIX)).doesNotExist();
    }

    @Test
    void aStoreWithSerialisedIndexKeysIsConvertedOnceAndKeepsEverything() throws Exception {
        List<List<Document>> written = writeInTheFormatWithSerialisedKeys();
        Path file = dataDir.resolve("covenant.mv");
        MVStore unconverted = MVStore.open(file.toString());
        assertThatThrownBy(() -> StoreFormat.checked(unconverted))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("earlier release");

        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS)) {
            assertHolds(store, written);
        }

        assertThat(StoreFormat.upgrade(file)).as("converted only once").isFalse();
        MVStore converted = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            assertThat(converted.openMap(StoreFormat.FORMAT_MAP).get(StoreFormat.DOCUMENTS_KEY))
                    .isEqualTo(StoreFormat.DOCUMENTS_BSON);
            MVMap<Object, Object> index = StoreFormat.openIndex(converted, "covenant.pacts._index_name_1");
            assertThat(index.get(new KeyValue("pacts 7"))).isEqualTo("pacts-7");
            MVMap<Object, Object> ids = StoreFormat.openIndex(converted, "covenant.verifications._index__id_");
            Object someId = ids.firstKey();
            assertThat(((KeyValue) someId).get(0)).isInstanceOf(de.bwaldvogel.mongo.bson.ObjectId.class);
            assertThat(StoreFormat.openDocuments(converted, "databases.covenant.verifications")
                    .get(ids.get(someId))).isNotNull();
        } finally {
            converted.close();
        }
        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS)) {
            assertHolds(store, written);
        }
    }

    @Test
    void aStoreOfThePreviousFormatIsNotOpenedWithoutConversion() {
        writeInThePreviousFormat();
        MVStore unconverted = MVStore.open(dataDir.resolve("covenant.mv").toString());

        assertThatThrownBy(() -> StoreFormat.checked(unconverted))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("earlier release");
        assertThat(unconverted.isClosed()).isTrue();
    }

    @Test
    void aNewStoreIsWrittenInTheNewFormatFromItsFirstStart() throws Exception {
        try (EmbeddedMongo store = new EmbeddedMongo(dataDir.toString(), Durability.PROCESS);
                MongoClient client = client(store.connectionString())) {
            block(client.getDatabase("covenant").getCollection("things").insertOne(new Document("_id", "a")));
        }

        assertThat(StoreFormat.upgrade(dataDir.resolve("covenant.mv"))).isFalse();
        MVStore store = new MVStore.Builder().fileName(dataDir.resolve("covenant.mv").toString()).readOnly().open();
        try {
            assertThat(store.openMap(StoreFormat.FORMAT_MAP).get(StoreFormat.DOCUMENTS_KEY))
                    .isEqualTo(StoreFormat.DOCUMENTS_BSON);
            assertThat(StoreFormat.openDocuments(store, "databases.covenant.things").get("a"))
                    .isEqualTo(new de.bwaldvogel.mongo.bson.Document("_id", "a"));
        } finally {
            store.close();
        }
    }

    private static MongoClient client(String connectionString) {
        return MongoClients.create(connectionString + "/?uuidRepresentation=standard");
    }

    private static <T> T block(org.reactivestreams.Publisher<T> publisher) {
        return Mono.from(publisher).block(Duration.ofSeconds(30));
    }
}
