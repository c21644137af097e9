package dev.covenant.registry.storage;

import de.bwaldvogel.mongo.bson.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The format of the embedded store's data file: document maps ({@code databases.<db>.<collection>}) hold BSON
 * ({@link BsonDocumentType}) under their {@code _id} written as {@link StoredValues} ({@link IdType}); unique indexes
 * keep their keys as {@link StoredValues} in {@link IndexKeyType}'s order, pointing to the {@code _id} ({@link IdType});
 * collection metadata is as before (H2's {@code ObjectDataType}). A file in this format holds the map
 * {@value #FORMAT_MAP} saying so; a file written by a release before it (Java-serialised documents, or BSON documents
 * with Java-serialised keys: {@value #DOCUMENTS_BSON_SERIALISED_KEYS}) is converted once, at start, before the store
 * is opened ({@link #upgrade}). {@code docs/adr/0034-embedded-store-documents-as-bson.md},
 * {@code docs/adr/0037-embedded-store-keys-without-java-serialisation.md}.
 */
final class StoreFormat {

    private static final Logger log = LoggerFactory.getLogger(StoreFormat.class);

    /** The map that records the format; absent in files of earlier releases. */
    static final String FORMAT_MAP = "covenant.format";
    static final String DOCUMENTS_KEY = "documents";
    /** Documents as BSON, keys and index positions as {@link StoredValues}. */
    static final String DOCUMENTS_BSON = "bson-2";
    /** The format before: documents as BSON, keys and index positions Java-serialised (H2's ObjectDataType). */
    static final String DOCUMENTS_BSON_SERIALISED_KEYS = "bson-1";
    /** mongo-java-server's H2 backend names each collection's document map so. */
    static final String DOCUMENTS_PREFIX = "databases.";
    /** Suffix of the file a conversion writes before it replaces the data file. */
    static final String CONVERTING_SUFFIX = ".converting";

    /** mongo-java-server's H2 backend names each unique index's map {@code <db>.<collection>._index_<name>}. */
    static final String INDEX_INFIX = "._index_";

    private StoreFormat() {
    }

    /** Opens (or creates) a unique index's map with this format's key and value types. */
    static MVMap<Object, Object> openIndex(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<Object, Object>().keyType(new IndexKeyType())
                .valueType(new IdType()));
    }

    /** Opens (or creates) a document map with this format's key and value types. */
    static MVMap<Object, Document> openDocuments(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<Object, Document>().keyType(new IdType())
                .valueType(BsonDocumentType.INSTANCE));
    }

    /**
     * Converts a data file of an earlier release into this format, once: every map is copied into a new file beside
     * it ({@code covenant.mv.converting}; documents re-encoded as BSON, keys as {@link StoredValues}, unique indexes
     * sorted in {@link IndexKeyType}'s order, everything else as it is), the format is
     * recorded in it, it is committed, forced to disk, and then moved over the data file in one atomic rename. A
     * kill or a failure (a full disk) before the rename leaves the old file untouched and a partial new one, which the
     * next start deletes before converting again; after the rename the file is in the new format. The new file is
     * written compactly (no dead pages), so it needs about the live data's size in free space.
     *
     * @return whether the file was converted
     */
    static boolean upgrade(Path file) {
        return upgrade(file, name -> { });
    }

    /** As {@link #upgrade(Path)}; {@code afterMap} runs after each map is copied (tests interrupt there). */
    static boolean upgrade(Path file, Consumer<String> afterMap) {
        Path converting = file.resolveSibling(file.getFileName() + CONVERTING_SUFFIX);
        try {
            if (Files.deleteIfExists(converting)) {
                log.warn("Deleted {} left by an interrupted conversion of the embedded store; converting again",
                        converting);
            }
            if (!Files.exists(file)) {
                return false;
            }
            long before = Files.size(file);
            long started = System.nanoTime();
            long documents;
            MVStore source = new MVStore.Builder().fileName(file.toString()).readOnly().open();
            try {
                if (isCurrent(source)) {
                    return false;
                }
                log.info("Converting the embedded store {} ({} MB) to this release's format; this happens once",
                        file, before >> 20);
                documents = copy(source, converting, afterMap, bsonDocuments(source));
            } finally {
                source.close();
            }
            Files.move(converting, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(file.toAbsolutePath().getParent());
            log.info("Embedded store converted to this release's format: {} documents, {} MB to {} MB in {} ms",
                    documents, before >> 20, Files.size(file) >> 20, (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not convert the embedded store " + file + " to this release's format"
                    + " (it is unchanged; the conversion needs free space about the size of its live data): " + e, e);
        }
    }

    /**
     * Copies every map of {@code source} into a new store at {@code target}; returns the documents copied. The keys
     * and index positions of both earlier formats were written by H2's {@code ObjectDataType} (the maps' default);
     * the documents by it or, with {@code bsonDocuments}, as BSON.
     */
    private static long copy(MVStore source, Path target, Consumer<String> afterMap, boolean bsonDocuments) {
        MVStore copy = new MVStore.Builder().fileName(target.toString()).open();
        try {
            long documents = 0;
            for (String name : source.getMapNames()) {
                if (name.startsWith(DOCUMENTS_PREFIX)) {
                    MVMap<Object, Document> from = source.openMap(name, bsonDocuments
                            ? new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE)
                            : new MVMap.Builder<>());
                    MVMap<Object, Document> to = openDocuments(copy, name);
                    Cursor<Object, Document> cursor = from.cursor(null);
                    while (cursor.hasNext()) {
                        to.put(cursor.next(), cursor.getValue());
                    }
                    documents += to.sizeAsLong();
                } else if (name.contains(INDEX_INFIX)) {
                    openIndex(copy, name).putAll(source.openMap(name)); // sorted again in the new key order
                } else {
                    copy.openMap(name).putAll(source.openMap(name));
                }
                afterMap.accept(name);
            }
            mark(copy);
            copy.commit();
            copy.sync();
            copy.close();
            return documents;
        } catch (RuntimeException e) {
            copy.closeImmediately(); // as a kill would leave it: the next start deletes it
            throw e;
        }
    }

    /**
     * Checks a store just opened for the registry: one in this format is returned as it is; a new (empty) one is
     * marked with it; one holding documents of the earlier format (not converted, e.g. opened without
     * {@link #upgrade}) is closed and refused, since reading it with the new value type would fail.
     */
    static MVStore checked(MVStore store) {
        if (store.hasMap(FORMAT_MAP)) {
            boolean current;
            try {
                current = isCurrent(store);
            } catch (IllegalStateException newer) {
                store.closeImmediately();
                throw newer;
            }
            if (!current) {
                store.closeImmediately();
                throw new IllegalStateException("The embedded store's data file is in the format of an earlier release"
                        + " (" + DOCUMENTS_BSON_SERIALISED_KEYS + ") and was not converted; it is converted when the"
                        + " registry starts on it");
            }
            return store;
        }
        if (store.getMapNames().stream().anyMatch(name -> name.startsWith(DOCUMENTS_PREFIX))) {
            store.closeImmediately();
            throw new IllegalStateException("The embedded store's data file is in the format of an earlier release"
                    + " and was not converted; it is converted when the registry starts on it");
        }
        mark(store);
        store.commit();
        return store;
    }

    /** Whether the file is in this format: false for the earlier ones, an exception for one this release does not know. */
    private static boolean isCurrent(MVStore store) {
        if (!store.hasMap(FORMAT_MAP)) {
            return false;
        }
        Object format = store.<String, Object>openMap(FORMAT_MAP).get(DOCUMENTS_KEY);
        if (DOCUMENTS_BSON_SERIALISED_KEYS.equals(format)) {
            return false;
        }
        if (!DOCUMENTS_BSON.equals(format)) {
            throw new IllegalStateException("The embedded store's data file has a document format this release does"
                    + " not know (" + format + "); it was written by a newer release");
        }
        return true;
    }

    /** Whether the documents of the file are BSON already (the format {@value #DOCUMENTS_BSON_SERIALISED_KEYS}). */
    private static boolean bsonDocuments(MVStore store) {
        return store.hasMap(FORMAT_MAP)
                && DOCUMENTS_BSON_SERIALISED_KEYS.equals(store.<String, Object>openMap(FORMAT_MAP).get(DOCUMENTS_KEY));
    }

    private static void mark(MVStore store) {
        store.<String, Object>openMap(FORMAT_MAP).put(DOCUMENTS_KEY, DOCUMENTS_BSON);
    }

    /** Makes the rename durable (best effort: not every file system lets a directory be opened). */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            log.debug("Could not force the directory {} to disk: {}", directory, e.toString());
        }
    }
}
