package dev.covenant.registry.storage;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/**
 * An in-memory ordered index of one top-level field of an embedded-store collection: value → the positions
 * ({@code _id}s) of the documents holding it. mongo-java-server keeps nothing for a non-unique secondary index
 * ({@code EmptyIndex}), so every range read scans; this one lets {@link SnapshotH2Database.SnapshotCollection} answer
 * a range or an ordered read on the field by walking it ({@code docs/adr/0031-embedded-store-ordered-index.md}).
 *
 * <p>It is never used through {@link #canHandle} (mongo-java-server's index path has no sort and no limit): the
 * collection asks {@link #walk} for candidates in order and matches the whole query on each. It indexes only plain
 * values of one {@link Kind}; a document whose value is missing, null, an array, a document or of another kind is
 * counted as {@linkplain #uniformKind() not uniform}, and then the collection scans as before. Changed only under
 * the collection's lock; read also by the few paths that upstream does not lock (a count), hence the concurrent map.
 */
final class OrderedIndex extends Index<Object> {

    /** The kinds of values ordered here; within one kind the order is exact (no cross-type or long/double mix). */
    enum Kind {
        INTEGRAL, DOUBLE, STRING, INSTANT;

        static Kind of(Object value) {
            if (value instanceof Long || value instanceof Integer) {
                return INTEGRAL;
            }
            if (value instanceof Double) {
                return DOUBLE;
            }
            if (value instanceof String) {
                return STRING;
            }
            if (value instanceof Instant) {
                return INSTANT;
            }
            return null;
        }
    }

    /** One end of a walk: a value and whether the value itself is included. */
    record Bound(Object value, boolean inclusive) {
    }

    private static final Comparator<Object> ORDER = ValueComparator.asc();
    /** The slot of {@link #counts} holding the documents whose value is of no {@link Kind}. */
    private static final int OTHER = Kind.values().length;

    private final String field;
    /** Value → one position, or {@link Ties} when several documents share the value. */
    private final ConcurrentSkipListMap<Object, Object> entries = new ConcurrentSkipListMap<>(ORDER);
    private final AtomicLongArray counts = new AtomicLongArray(OTHER + 1);

    OrderedIndex(String name, List<IndexKey> keys) {
        super(name, keys, true);
        this.field = keys.get(0).getKey();
    }

    /** Whether a declared index is one this class can keep: a single top-level field other than {@code _id}. */
    static boolean handles(List<IndexKey> keys) {
        return keys.size() == 1 && !keys.get(0).getKey().contains(".") && !keys.get(0).getKey().equals("_id");
    }

    String field() {
        return field;
    }

    /** The one kind of every document's value; null when some value is of no kind or the kinds differ. */
    Kind uniformKind() {
        if (counts.get(OTHER) > 0) {
            return null;
        }
        Kind uniform = null;
        for (Kind kind : Kind.values()) {
            if (counts.get(kind.ordinal()) > 0) {
                if (uniform != null) {
                    return null;
                }
                uniform = kind;
            }
        }
        return uniform == null ? Kind.INTEGRAL : uniform; // empty: any walk is empty
    }

    boolean isEmptyCollection() {
        for (int slot = 0; slot <= OTHER; slot++) {
            if (counts.get(slot) > 0) {
                return false;
            }
        }
        return true;
    }

    /** The positions of the documents whose value lies between the bounds (null: open), in the value's order. */
    Stream<Object> walk(Bound lower, Bound upper, boolean descending) {
        NavigableMap<Object, Object> range = entries;
        if (lower != null && upper != null && empty(lower, upper)) {
            return Stream.empty();
        }
        if (lower != null && upper != null) {
            range = range.subMap(lower.value(), lower.inclusive(), upper.value(), upper.inclusive());
        } else if (lower != null) {
            range = range.tailMap(lower.value(), lower.inclusive());
        } else if (upper != null) {
            range = range.headMap(upper.value(), upper.inclusive());
        }
        if (descending) {
            range = range.descendingMap();
        }
        // ties in ascending position order in both directions: what a stable sort of a scan in _id order gives
        return range.values().stream()
                .flatMap(positions -> positions instanceof Ties ties ? ties.stream() : Stream.of(positions));
    }

    /** Whether no value lies between the bounds ({@code subMap} refuses such a range). */
    private static boolean empty(Bound lower, Bound upper) {
        int compared = ORDER.compare(lower.value(), upper.value());
        return compared > 0 || compared == 0 && !(lower.inclusive() && upper.inclusive());
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        Object value = document.get(field);
        Kind kind = Kind.of(value);
        counts.incrementAndGet(kind == null ? OTHER : kind.ordinal());
        if (kind != null) {
            entries.merge(value, position, OrderedIndex::withTie);
        }
    }

    @Override
    public Object remove(Document document) {
        Object value = document.get(field);
        Kind kind = Kind.of(value);
        counts.decrementAndGet(kind == null ? OTHER : kind.ordinal());
        if (kind != null) {
            Object position = document.get("_id");
            entries.computeIfPresent(value, (key, positions) -> without(positions, position));
        }
        return null; // sparse: the collection takes the position from its _id index
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        remove(oldDocument);
        add(newDocument, position, collection);
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("walked by SnapshotCollection, not through the index path");
    }

    /** Documents counted (indexed or not), so that mongo-java-server does not build it a second time. */
    @Override
    public long getCount() {
        long count = 0;
        for (int slot = 0; slot <= OTHER; slot++) {
            count += counts.get(slot);
        }
        return count;
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void drop() {
        entries.clear();
        for (int slot = 0; slot <= OTHER; slot++) {
            counts.set(slot, 0);
        }
    }

    private static Object withTie(Object existing, Object position) {
        Ties ties = existing instanceof Ties already ? already : new Ties(existing);
        ties.add(position);
        return ties;
    }

    private static Object without(Object positions, Object position) {
        if (positions instanceof Ties ties) {
            ties.remove(position);
            return ties.size() == 1 ? ties.first() : ties.isEmpty() ? null : ties;
        }
        return ORDER.compare(positions, position) == 0 ? null : positions;
    }

    /** The positions of documents sharing one value, in ascending order. */
    private static final class Ties extends ConcurrentSkipListSet<Object> {

        private static final long serialVersionUID = 1L;

        Ties(Object first) {
            super(ORDER);
            add(first);
        }
    }
}
