package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/** Every value a key or an index position holds reads back as the same class with an equal value. */
class StoredValuesTest {

    static List<Object> values() {
        return Arrays.asList(null, Missing.getInstance(), "", "pact-provider-consumer-1.2.3", "ünïcödé ✓ 𝄞",
                "x".repeat(5_000), 0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0L, -1L, Long.MIN_VALUE,
                Long.MAX_VALUE, 0.0, -0.0, 2.5, Double.NaN, Double.NEGATIVE_INFINITY, true, false, new ObjectId(),
                UUID.randomUUID(), Instant.parse("2026-12-03T12:00:00.123456789Z"), Instant.ofEpochSecond(-5, 7),
                new Document("provider", "p").append("consumer", "c"), List.of("a", 1),
                new BinData(new byte[] {1, 2, 3}));
    }

    @Test
    void everyValueReadsBackAsTheSameClassWithAnEqualValue() {
        ObjectDataType other = new ObjectDataType();
        WriteBuffer buffer = new WriteBuffer();
        List<Object> values = values();
        for (Object value : values) {
            StoredValues.write(buffer, value, other);
        }
        ByteBuffer written = buffer.getBuffer().flip();
        List<Object> read = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            read.add(StoredValues.read(written, other));
        }

        assertThat(written.hasRemaining()).isFalse();
        for (int i = 0; i < read.size(); i++) {
            Object expected = values.get(i);
            Object actual = read.get(i);
            if (expected == null) {
                assertThat(actual).isNull();
            } else if (expected instanceof Missing) {
                assertThat(actual).isInstanceOf(Missing.class);
            } else {
                assertThat(actual).as("value %s", i).isEqualTo(expected).hasSameClassAs(expected);
                if (expected instanceof Double number) { // -0.0 stays -0.0, NaN stays NaN
                    assertThat(Double.doubleToRawLongBits((Double) actual))
                            .isEqualTo(Double.doubleToRawLongBits(number));
                }
            }
        }
    }

    @Test
    void theUsualValuesAreNotJavaSerialised() {
        ObjectDataType other = new ObjectDataType();
        for (Object value : List.of(new ObjectId(), Instant.EPOCH, Missing.getInstance(), "pact-1")) {
            WriteBuffer buffer = new WriteBuffer();
            StoredValues.write(buffer, value, other);
            assertThat(buffer.position()).as("%s", value).isLessThan(20); // Java serialisation takes 50 and more
        }
    }

    @Test
    void anUnknownKindIsReportedAsSuch() {
        assertThatThrownBy(() -> StoredValues.read(ByteBuffer.wrap(new byte[] {42}), new ObjectDataType()))
                .isInstanceOf(MVStoreException.class)
                .hasMessageContaining("Unknown key value kind 42");
    }
}
