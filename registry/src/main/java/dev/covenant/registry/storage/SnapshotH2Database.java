package dev.covenant.registry.storage;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 database of mongo-java-server whose collections answer every query with copies of the stored documents.
 *
 * <p>Why: mongo-java-server (1.47) answers a query with the very {@code Document} instances held in its H2 map
 * (without a projection, {@code AbstractMongoCollection.matchDocumentsFromStream} returns them as they are), and
 * its update path ({@code AbstractMongoCollection.updateDocument}) changes the stored instance in place: it removes
 * the fields the new version lacks and puts every field of the new version into the old instance. Both run under
 * the collection's lock, but the reply is encoded afterwards, on the connection's thread, without it. So a query
 * answer being encoded while another connection updates one of its documents iterates a map that changes under it:
 * {@code ConcurrentModificationException}, logged as "Failed to encode", and the connection is dropped (the driver
 * then clears its whole pool). The more documents an answer holds (a scan of a busy collection), the likelier.
 *
 * <p>Here every answer is a fresh top-level copy, made under the lock. Updates find their documents through the
 * same query path, so they change a copy and store the new version as a new instance: a stored document is never
 * changed after it is stored, and an answer never shares a map with the store. A shallow copy is enough, because
 * the update computes the new version on a deep clone and only ever replaces top-level values of the old one.
 * {@code docs/adr/0018-one-job-per-event.md} (storage part) and {@code SnapshotH2DatabaseTest} (the reproduction).
 *
 * <p>They also answer queries that require one {@code _id} besides other conditions through the {@code _id} index
 * ({@link SnapshotCollection#matchDocuments}), so conditional writes and guarded head updates by {@code _id} do not
 * scan ({@code docs/adr/0029-embedded-store-uses-the-id-index-for-guarded-writes.md}).
 *
 * <p>A declared secondary index on one top-level field is kept in memory in that field's order ({@link OrderedIndex},
 * built when the collection opens): range reads and reads sorted on the field walk it ({@link OrderedRead}), so the
 * event log's follow, its newest event and its pruning do not scan ({@code docs/adr/0031-embedded-store-ordered-index.md}).
 */
final class SnapshotH2Database extends H2Database {

    private static final Logger log = LoggerFactory.getLogger(SnapshotH2Database.class);

    /** The store while a database is being constructed: H2Database opens its existing collections from its constructor. */
    private static final ThreadLocal<MVStore> CONSTRUCTING = new ThreadLocal<>();

    private final MVStore store;

    private SnapshotH2Database(String name, MVStore store, CursorRegistry cursors) {
        super(name, store, cursors);
        this.store = store;
    }

    static SnapshotH2Database open(String name, MVStore store, CursorRegistry cursors) {
        CONSTRUCTING.set(store);
        try {
            return new SnapshotH2Database(name, store, cursors);
        } finally {
            CONSTRUCTING.remove();
        }
    }

    /**
     * As {@link H2Database} (the same map names, so upstream's drop and rename find them), but the documents are
     * stored as BSON ({@link StoreFormat}; a file of an earlier release is converted before it is opened).
     */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVStore store = this.store != null ? this.store : CONSTRUCTING.get();
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> data = StoreFormat.openDocuments(store, StoreFormat.DOCUMENTS_PREFIX + namespace);
        MVMap<String, Object> meta = store.openMap("meta." + namespace);
        return new SnapshotCollection(this, collectionName, options, data, meta, cursorRegistry);
    }

    /** As {@link H2Database}, on the index's map opened first with this format's key type (upstream then finds it open). */
    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        MVStore store = this.store != null ? this.store : CONSTRUCTING.get();
        StoreFormat.openIndex(store, getFullCollectionNamespace(collectionName) + StoreFormat.INDEX_INFIX + indexName);
        return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
    }

    /** Upstream keeps nothing for a non-unique index ({@code EmptyIndex}); one on a single field is kept in order. */
    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        if (OrderedIndex.handles(keys) && !collectionName.startsWith("system.")) {
            return new OrderedIndex(indexName, keys);
        }
        return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
    }

    static final class SnapshotCollection extends H2Collection {

        /** Documents read by ordered reads (for tests: a scan coming back shows here and in {@link #scans}). */
        private final LongAdder examined = new LongAdder();
        /** Queries answered by a scan of the whole collection. */
        private final LongAdder scans = new LongAdder();

        SnapshotCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        /** Every query answer (and every document an update or findAndModify works on) passes here, under the lock. */
        @Override
        protected QueryResult createQueryResult(List<Document> matched, int batchSize) {
            List<Document> copies = new ArrayList<>(matched.size());
            for (Document document : matched) {
                copies.add(new Document(document));
            }
            return super.createQueryResult(copies, batchSize);
        }

        /**
         * A query the {@code _id} index cannot answer as a whole (mongo-java-server uses an index only when the
         * filter is exactly {@code {_id: …}}) but that requires one {@code _id} value, at its top level or in a
         * top-level {@code $and} (every guarded head update: {@code {$and: [{_id: k}, {$or: [...]}]}}), is matched
         * against the one document with that {@code _id} instead of every document of the collection. The whole
         * query is still matched, so the answer is the scan's.
         */
        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            Object id = requiredId(query);
            if (id != null) {
                Document byId = new Document("_id", id);
                for (Index<Object> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(query, index.getPositions(byId), orderBy, skip, limit, batchSize,
                                fieldSelector);
                    }
                }
            }
            OrderedRead ordered = OrderedRead.plan(query, orderBy, getIndexes());
            if (ordered != null) {
                // lazy and already in the answer's order: matching, skip and limit stop the walk early
                Stream<Document> candidates = ordered.positions()
                        .map(this::getDocument)
                        .filter(Objects::nonNull)
                        .peek(document -> examined.increment());
                return matchDocumentsFromStream(query, candidates, skip, limit, batchSize, null, fieldSelector);
            }
            scans.increment();
            return super.matchDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        /**
         * Builds an {@link OrderedIndex} in one pass over the collection (upstream makes two, the first to check
         * uniqueness), under the collection's lock so that no write slips between the pass and the index's use.
         */
        @Override
        public synchronized void addIndex(Index<Object> index) {
            boolean known = getIndexes().stream().anyMatch(existing -> existing.getName().equals(index.getName()));
            if (index instanceof OrderedIndex ordered && !known && ordered.isEmpty()) {
                long started = System.nanoTime();
                streamAllDocumentsWithPosition()
                        .forEach(entry -> ordered.add(entry.getDocument(), entry.getPosition(), this));
                log.info("Ordered index {} of {} built from {} documents in {} ms", index.getName(), getFullName(),
                        ordered.getCount(), (System.nanoTime() - started) / 1_000_000);
            }
            super.addIndex(index);
        }

        long examined() {
            return examined.sum();
        }

        long scans() {
            return scans.sum();
        }

        /** The plain value a query requires {@code _id} to equal, else null. */
        static Object requiredId(Document query) {
            Object id = query.get("_id");
            if (id instanceof String || id instanceof Number || id instanceof ObjectId || id instanceof UUID) {
                return id;
            }
            if (id instanceof Document document && !document.isEmpty()
                    && document.keySet().stream().noneMatch(key -> key.startsWith("$"))) {
                return id; // a compound _id given as a whole; {$in: …}, {$gt: …} and the like are not one value
            }
            if (query.get("$and") instanceof List<?> clauses) {
                for (Object clause : clauses) {
                    Object found = clause instanceof Document document ? requiredId(document) : null;
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
    }
}
