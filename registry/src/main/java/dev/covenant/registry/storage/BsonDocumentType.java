package dev.covenant.registry.storage;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The values of the embedded store's document maps, written as BSON (a format byte, then the document exactly as
 * the wire protocol carries it) with mongo-java-server's own encoder and decoder, instead of H2's
 * {@code ObjectDataType}, which Java-serialises every document (class descriptors and all) on every commit of its
 * page. Every value the wire decoder produces (and so every value a stored document can hold) round-trips.
 * {@code docs/adr/0034-embedded-store-documents-as-bson.md}.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    static final BsonDocumentType INSTANCE = new BsonDocumentType();

    /** The first byte of every value: the layout that follows (BSON, version 1). */
    private static final byte FORMAT_BSON_1 = 1;

    /** Reused encoding buffer: a commit serialises its pages on one thread, so one per thread is enough. */
    private static final ThreadLocal<ByteBuf> BUFFER = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

    /** Largest buffer kept between writes (a larger one is dropped after use). */
    private static final int KEEP_BUFFER_BYTES = 1 << 20;

    private BsonDocumentType() {
    }

    @Override
    public void write(WriteBuffer buff, Document document) {
        ByteBuf bytes = BUFFER.get();
        bytes.clear();
        try {
            BsonEncoder.encodeDocument(document, bytes);
            buff.put(FORMAT_BSON_1);
            buff.put(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
        } finally {
            if (bytes.capacity() > KEEP_BUFFER_BYTES) {
                BUFFER.remove();
            }
        }
    }

    @Override
    public Document read(ByteBuffer buff) {
        byte format = buff.get();
        if (format != FORMAT_BSON_1) {
            throw DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT,
                    "Unknown document format {0} in the embedded store (written by a newer release?)", format);
        }
        int start = buff.position();
        int length = Integer.reverseBytes(buff.getInt(start)); // BSON lengths are little-endian
        ByteBuffer slice = buff.slice(start, length);
        buff.position(start + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    /**
     * The heap a decoded document takes, estimated by walking it (H2 sizes its page cache by this, ADR 0033):
     * object headers, the map's table and entries, and each value by kind. Cheap next to encoding, and H2 samples
     * it rather than calling it for every value of a page.
     */
    @Override
    public int getMemory(Document document) {
        return (int) Math.min(Integer.MAX_VALUE, memoryOf(document));
    }

    /** Bytes of a document: the Document and its LinkedHashMap (~72), the table (~8 a slot), ~40 per entry. */
    static long memoryOf(Map<String, ?> document) {
        long bytes = 72 + 8L * Integer.highestOneBit(Math.max(1, document.size()) * 2 - 1) * 2;
        for (Map.Entry<String, ?> entry : document.entrySet()) {
            bytes += 40 + memoryOfString(entry.getKey()) + memoryOfValue(entry.getValue());
        }
        return bytes;
    }

    private static long memoryOfValue(Object value) {
        if (value == null || value instanceof Boolean) {
            return 0; // shared instances
        }
        if (value instanceof String text) {
            return memoryOfString(text);
        }
        if (value instanceof Map<?, ?> nested) {
            @SuppressWarnings("unchecked")
            Map<String, ?> document = (Map<String, ?>) nested;
            return memoryOf(document);
        }
        if (value instanceof Collection<?> list) {
            long bytes = 40 + 8L * list.size(); // ArrayList and its array of references
            for (Object element : list) {
                bytes += memoryOfValue(element);
            }
            return bytes;
        }
        if (value instanceof ObjectId) {
            return 48; // the object and its 12-byte array
        }
        if (value instanceof BinData binary) {
            return 32 + binary.getData().length;
        }
        if (value instanceof byte[] raw) {
            return 16 + raw.length;
        }
        return 24; // boxed numbers, Instant, UUID and the other small values
    }

    /** A compact (Latin-1) String: the object, its array header and one byte a character. */
    private static long memoryOfString(String text) {
        return 40 + text.length();
    }
}
