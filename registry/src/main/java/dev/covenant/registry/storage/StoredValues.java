package dev.covenant.registry.storage;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded store writes the plain values of its keys (a document's {@code _id}, the values of a unique
 * index's key, the position an index entry points to): one tag byte, then the value in a fixed layout for the kinds
 * the registry uses (strings as UTF-8, numbers, booleans, null, mongo-java-server's {@code Missing}, ObjectIds, UUIDs,
 * dates), and H2's {@code ObjectDataType} after the tag {@link #OTHER} for anything else (nested documents, lists,
 * binary), as before. H2's {@code ObjectDataType} Java-serialises ObjectIds, dates, {@code Missing} and index keys
 * (class descriptors and all) every time a page holding one is written; this does not. Every value reads back as the
 * same class with an equal value ({@code StoredValuesTest}). {@code docs/adr/0037-embedded-store-keys-without-java-serialisation.md}.
 */
final class StoredValues {

    private static final byte NULL = 0;
    private static final byte MISSING = 1;
    private static final byte STRING = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;
    private static final byte DOUBLE = 5;
    private static final byte FALSE = 6;
    private static final byte TRUE = 7;
    private static final byte OBJECT_ID = 8;
    private static final byte UUID_BITS = 9;
    private static final byte INSTANT = 10;
    /** Anything else, written by H2's {@code ObjectDataType}. */
    private static final byte OTHER = 127;

    private StoredValues() {
    }

    static void write(WriteBuffer buff, Object value, ObjectDataType other) {
        if (value == null) {
            buff.put(NULL);
        } else if (value instanceof Missing) {
            buff.put(MISSING);
        } else if (value.getClass() == String.class) {
            byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8); // a copy for ASCII, not a loop per char
            buff.put(STRING).putVarInt(utf8.length).put(utf8);
        } else if (value.getClass() == Integer.class) {
            buff.put(INT).putVarInt((Integer) value);
        } else if (value.getClass() == Long.class) {
            buff.put(LONG).putVarLong((Long) value);
        } else if (value.getClass() == Double.class) {
            buff.put(DOUBLE).putDouble((Double) value);
        } else if (value.getClass() == Boolean.class) {
            buff.put((Boolean) value ? TRUE : FALSE);
        } else if (value.getClass() == ObjectId.class) {
            buff.put(OBJECT_ID).put(((ObjectId) value).toByteArray());
        } else if (value.getClass() == UUID.class) {
            UUID uuid = (UUID) value;
            buff.put(UUID_BITS).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        } else if (value.getClass() == Instant.class) {
            Instant instant = (Instant) value;
            buff.put(INSTANT).putVarLong(instant.getEpochSecond()).putVarInt(instant.getNano());
        } else {
            buff.put(OTHER);
            other.write(buff, value);
        }
    }

    static Object read(ByteBuffer buff, ObjectDataType other) {
        byte tag = buff.get();
        return switch (tag) {
            case NULL -> null;
            case MISSING -> Missing.getInstance();
            case STRING -> readString(buff, DataUtils.readVarInt(buff));
            case INT -> DataUtils.readVarInt(buff);
            case LONG -> DataUtils.readVarLong(buff);
            case DOUBLE -> buff.getDouble();
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case OBJECT_ID -> {
                byte[] id = new byte[12];
                buff.get(id);
                yield new ObjectId(id);
            }
            case UUID_BITS -> new UUID(buff.getLong(), buff.getLong());
            case INSTANT -> Instant.ofEpochSecond(DataUtils.readVarLong(buff), DataUtils.readVarInt(buff));
            case OTHER -> other.read(buff);
            default -> throw DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT,
                    "Unknown key value kind {0} in the embedded store (written by a newer release?)", tag);
        };
    }

    private static String readString(ByteBuffer buff, int length) {
        if (buff.hasArray()) {
            String text = new String(buff.array(), buff.arrayOffset() + buff.position(), length, StandardCharsets.UTF_8);
            buff.position(buff.position() + length);
            return text;
        }
        byte[] utf8 = new byte[length];
        buff.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
