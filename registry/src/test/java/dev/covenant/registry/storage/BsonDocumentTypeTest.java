package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of value the registry stores survives the BSON value type of the document maps, in memory and on disk. */
class BsonDocumentTypeTest {

    @TempDir
    Path dir;

    static Document everyKindOfValue() {
        List<Object> mixed = new ArrayList<>(Arrays.asList("one", 2, 3L, 4.5, true, null,
                new Document("nested", "in a list"), List.of("a", "b")));
        return new Document("_id", new ObjectId())
                .append("text", "bolt — ünïcödé ✓")
                .append("empty", "")
                .append("int", 42)
                .append("negativeInt", Integer.MIN_VALUE)
                .append("long", 1L << 40)
                .append("double", -0.25)
                .append("nan", Double.NaN)
                .append("decimal", new Decimal128(new BigDecimal("12.345")))
                .append("yes", true)
                .append("no", false)
                .append("date", Instant.parse("2026-12-03T09:20:00.123Z"))
                .append("objectId", new ObjectId())
                .append("binary", new BinData(new byte[] {0, 1, 2, (byte) 255}))
                .append("uuid", UUID.fromString("7f1c2a52-4b0e-4d1e-9a53-0c6f3c1b2d44"))
                .append("nothing", null)
                .append("document", new Document("a", 1).append("b", new Document("c", List.of(1, 2, 3))))
                .append("emptyDocument", new Document())
                .append("list", mixed)
                .append("emptyList", List.of());
    }

    @Test
    void everyKindOfValueRoundTrips() {
        Document document = everyKindOfValue();
        WriteBuffer buffer = new WriteBuffer();
        BsonDocumentType.INSTANCE.write(buffer, document);
        BsonDocumentType.INSTANCE.write(buffer, new Document("second", "value"));
        ByteBuffer written = buffer.getBuffer().flip();

        assertThat(BsonDocumentType.INSTANCE.read(written)).isEqualTo(document);
        assertThat(BsonDocumentType.INSTANCE.read(written)).isEqualTo(new Document("second", "value"));
        assertThat(written.hasRemaining()).isFalse();
    }

    @Test
    void documentsSurviveAReopenOfTheFileAndKeepTheirFieldOrder() {
        Path file = dir.resolve("round-trip.mv");
        List<Document> documents = new ArrayList<>();
        MVStore store = MVStore.open(file.toString());
        MVMap<Object, Document> map = StoreFormat.openDocuments(store, "databases.covenant.things");
        for (int i = 0; i < 500; i++) { // several pages
            Document document = everyKindOfValue().append("i", i).append("padding", "x".repeat(i));
            documents.add(document);
            map.put("thing-" + i, document);
        }
        store.close();

        MVStore reopened = MVStore.open(file.toString());
        MVMap<Object, Document> read = StoreFormat.openDocuments(reopened, "databases.covenant.things");
        for (int i = 0; i < documents.size(); i++) {
            Document stored = read.get("thing-" + i);
            assertThat(stored).isEqualTo(documents.get(i));
            assertThat(List.copyOf(stored.keySet())).isEqualTo(List.copyOf(documents.get(i).keySet()));
        }
        reopened.close();
    }

    @Test
    void theMemoryEstimateFollowsTheDocumentAndExceedsItsEncodedSize() {
        Document small = new Document("_id", "a").append("name", "bolt");
        Document large = new Document("_id", "b").append("content", "x".repeat(10_000))
                .append("list", List.of(new Document("a", 1), new Document("b", 2)));
        WriteBuffer buffer = new WriteBuffer();
        BsonDocumentType.INSTANCE.write(buffer, large);
        int encoded = buffer.position();

        assertThat(BsonDocumentType.INSTANCE.getMemory(small)).isBetween(200, 1_000);
        assertThat(BsonDocumentType.INSTANCE.getMemory(large)).isGreaterThan(encoded)
                .isLessThan(encoded * 2);
        assertThat(BsonDocumentType.INSTANCE.getMemory(everyKindOfValue()))
                .isGreaterThan(BsonDocumentType.INSTANCE.getMemory(small));
    }

    @Test
    void aValueOfAnUnknownFormatIsReportedAsSuch() {
        ByteBuffer unknown = ByteBuffer.wrap(new byte[] {9, 5, 0, 0, 0, 0});

        assertThatThrownBy(() -> BsonDocumentType.INSTANCE.read(unknown))
                .isInstanceOf(MVStoreException.class)
                .hasMessageContaining("Unknown document format 9");
    }
}
