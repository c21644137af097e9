package dev.covenant.registry.storage;

import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of the embedded store's document maps (a document's {@code _id}) and the values of its unique-index maps
 * (the {@code _id} an index entry points to): written as {@link StoredValues}, ordered and sized as H2's
 * {@code ObjectDataType} did (so a document map's order is unchanged). One per map: {@code ObjectDataType} adapts its
 * estimates to what it sees. {@code docs/adr/0037-embedded-store-keys-without-java-serialisation.md}.
 */
final class IdType extends BasicDataType<Object> {

    private final ObjectDataType stored = new ObjectDataType();

    @Override
    public int compare(Object a, Object b) {
        return stored.compare(a, b);
    }

    @Override
    public int getMemory(Object id) {
        return stored.getMemory(id);
    }

    @Override
    public void write(WriteBuffer buff, Object id) {
        StoredValues.write(buff, id, stored);
    }

    @Override
    public Object read(ByteBuffer buff) {
        return StoredValues.read(buff, stored);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
