package dev.covenant.registry.storage;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of the embedded store's unique-index maps ({@code <db>.<collection>._index_<name>}): mongo-java-server's
 * {@link KeyValue}s, written as a format byte, the number of values and each value as {@link StoredValues} (H2's
 * {@code ObjectDataType} Java-serialised every key at every write of its page, ADR 0037), and compared without
 * serialising them. KeyValue is not {@code Comparable}, so {@code ObjectDataType} compares two of them by Java-serialising both, on every probe
 * of every index lookup and insert: most of the {@code ObjectDataType.serialize} time in the publish profile. Here the
 * values are compared one by one, by kind and then by value for the plain kinds (strings, numbers, booleans, dates,
 * ObjectIds, UUIDs), and by their serialised form otherwise, so two keys compare equal exactly when they did before
 * (the same kinds and equal values). The order differs, so a file of an earlier release gets its index maps rebuilt
 * in it by the conversion ({@link StoreFormat}). {@code docs/adr/0034-embedded-store-documents-as-bson.md}.
 */
final class IndexKeyType extends BasicDataType<Object> {

    /** Classes whose natural order is consistent with equals; any other value is compared by its serialised form. */
    private static final List<Class<?>> PLAIN = List.of(String.class, Integer.class, Long.class,
            Double.class, Boolean.class, Instant.class, ObjectId.class, UUID.class);
    private static final int OTHER = 2 + PLAIN.size();

    /** The first byte of a key: a KeyValue, its size and its values (format 1). */
    private static final byte KEY_VALUE_1 = 1;
    /** The first byte of a key that is not a KeyValue (none is; kept total): H2's {@code ObjectDataType} follows. */
    private static final byte OTHER_KEY = 0;

    /** Sizes the keys and writes unusual values (one per map: it adapts its estimates to what it sees). */
    private final ObjectDataType stored = new ObjectDataType();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue left && b instanceof KeyValue right) {
            int sizes = Integer.compare(left.size(), right.size());
            if (sizes != 0) {
                return sizes;
            }
            for (int i = 0; i < left.size(); i++) {
                int values = compareValues(left.get(i), right.get(i));
                if (values != 0) {
                    return values;
                }
            }
            return 0;
        }
        return stored.compare(a, b);
    }

    static int compareValues(Object a, Object b) {
        int kind = kind(a);
        int kinds = Integer.compare(kind, kind(b));
        if (kinds != 0) {
            return kinds;
        }
        if (kind < 2) {
            return 0; // null, Missing
        }
        if (kind < OTHER) {
            @SuppressWarnings("unchecked")
            Comparable<Object> comparable = (Comparable<Object>) a; // the same final class on both sides
            return comparable.compareTo(b);
        }
        return ObjectDataType.compareNotNull(ObjectDataType.serialize(a), ObjectDataType.serialize(b));
    }

    /** Values of different kinds never compare equal (as before: their serialised forms differ). */
    private static int kind(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Missing) {
            return 1;
        }
        int plain = PLAIN.indexOf(value.getClass());
        return plain < 0 ? OTHER : 2 + plain;
    }

    @Override
    public int getMemory(Object key) {
        return stored.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buff, Object key) {
        if (key instanceof KeyValue values) {
            buff.put(KEY_VALUE_1).putVarInt(values.size());
            for (Object value : values) {
                StoredValues.write(buff, value, stored);
            }
        } else {
            buff.put(OTHER_KEY);
            stored.write(buff, key);
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        byte format = buff.get();
        if (format == OTHER_KEY) {
            return stored.read(buff);
        }
        if (format != KEY_VALUE_1) {
            throw DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT,
                    "Unknown index key format {0} in the embedded store (written by a newer release?)", format);
        }
        Object[] values = new Object[DataUtils.readVarInt(buff)];
        for (int i = 0; i < values.length; i++) {
            values[i] = StoredValues.read(buff, stored);
        }
        return new KeyValue(Arrays.asList(values));
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
