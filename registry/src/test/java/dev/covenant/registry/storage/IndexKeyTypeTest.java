package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unique-index keys compare equal exactly when their serialised forms did, and the order is a total one. */
class IndexKeyTypeTest {

    @TempDir
    Path dir;

    private static final IndexKeyType TYPE = new IndexKeyType();

    static List<KeyValue> keys() {
        ObjectId id = new ObjectId();
        return List.of(new KeyValue("a"), new KeyValue("b"), new KeyValue(""), new KeyValue(1), new KeyValue(1L),
                new KeyValue(1.0), new KeyValue(-0.0), new KeyValue(0.0), new KeyValue(true), new KeyValue(false),
                new KeyValue(Instant.EPOCH), new KeyValue(id), new KeyValue(new ObjectId()),
                new KeyValue(UUID.nameUUIDFromBytes(new byte[] {1})), new KeyValue(Arrays.asList((Object) null)),
                new KeyValue(Missing.getInstance()), new KeyValue(new Document("x", 1)), new KeyValue(new Document("x", 2)),
                new KeyValue("provider", "consumer"), new KeyValue("provider", "consumer2"),
                new KeyValue("provider", 1), new KeyValue(List.of("x", "y")));
    }

    @Test
    void keysCompareEqualExactlyWhenTheirSerialisedFormsAreEqual() {
        for (KeyValue a : keys()) {
            for (KeyValue b : keys()) {
                boolean sameBytes = Arrays.equals(ObjectDataType.serialize(a), ObjectDataType.serialize(b));
                assertThat(TYPE.compare(a, b) == 0).as("%s vs %s", a, b).isEqualTo(sameBytes);
                assertThat(Integer.signum(TYPE.compare(a, b))).isEqualTo(-Integer.signum(TYPE.compare(b, a)));
            }
            // a copy of the same key (as read back from a page) is the same key
            KeyValue copy = (KeyValue) ObjectDataType.deserialize(ObjectDataType.serialize(a));
            assertThat(TYPE.compare(a, copy)).isZero();
        }
    }

    @Test
    void keysReadBackEqualAndCompareEqualToWhatWasWritten() {
        WriteBuffer buffer = new WriteBuffer();
        List<KeyValue> keys = keys();
        for (KeyValue key : keys) {
            TYPE.write(buffer, key);
        }
        ByteBuffer written = buffer.getBuffer().flip();
        for (KeyValue key : keys) {
            Object read = TYPE.read(written);
            assertThat(read).isEqualTo(key);
            assertThat(TYPE.compare(read, key)).isZero();
        }
        assertThat(written.hasRemaining()).isFalse();
    }

    @Test
    void anIndexMapFindsEveryKeyAfterAReopen() {
        Path file = dir.resolve("index.mv");
        List<KeyValue> keys = new ArrayList<>(keys());
        for (int i = 0; i < 2_000; i++) {
            keys.add(new KeyValue("provider-" + i, "consumer-" + (i % 7)));
        }
        MVStore store = MVStore.open(file.toString());
        MVMap<Object, Object> index = StoreFormat.openIndex(store, "covenant.things._index__id_");
        for (int i = 0; i < keys.size(); i++) {
            index.put(keys.get(i), "position-" + i);
        }
        store.close();

        MVStore reopened = MVStore.open(file.toString());
        MVMap<Object, Object> read = StoreFormat.openIndex(reopened, "covenant.things._index__id_");
        assertThat(read.sizeAsLong()).isEqualTo(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            assertThat(read.get(keys.get(i))).isEqualTo("position-" + i);
        }
        assertThat(read.get(new KeyValue("provider-1", "consumer-2"))).isNull();
        reopened.close();
    }
}
