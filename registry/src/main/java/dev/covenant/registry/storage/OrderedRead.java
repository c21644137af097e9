package dev.covenant.registry.storage;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import dev.covenant.registry.storage.OrderedIndex.Bound;
import dev.covenant.registry.storage.OrderedIndex.Kind;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How a query can be answered by walking an {@link OrderedIndex}: the index, the range of values the query allows
 * on its field, and the direction. The range only narrows the candidates; the whole query is still matched on each,
 * so any document outside it must fail the query: that holds because every document of the collection is in the
 * index with a value of one kind ({@link OrderedIndex#uniformKind()}), and the bounds are of that kind too.
 *
 * <p>Taken for a query that constrains the field with {@code $gt}/{@code $gte}/{@code $lt}/{@code $lte}/{@code $eq}
 * or a plain value (at its top level or in a top-level {@code $and}), or for any query sorted on the field alone;
 * never for a sort on anything else (nor {@code $natural}). Without a sort the range's positions are put in
 * {@code _id} order first, as a scan of the H2 map gives them (String and number {@code _id}s order alike there).
 */
record OrderedRead(OrderedIndex index, Bound lower, Bound upper, boolean descending, boolean sorted) {

    private static final Comparator<Object> ORDER = ValueComparator.asc();

    /**
     * The positions of the candidates, in the order of the answer: the field's, or without a sort the scan's
     * ({@code _id} order), so that an {@code updateOne} or {@code deleteOne} picks the document upstream picks.
     */
    Stream<Object> positions() {
        Stream<Object> walked = index.walk(lower, upper, descending);
        return sorted ? walked : walked.sorted(ORDER);
    }

    /** The ordered read for this query, or null when it must scan. */
    static OrderedRead plan(Document query, Document orderBy, List<Index<Object>> indexes) {
        for (Index<Object> candidate : indexes) {
            if (candidate instanceof OrderedIndex index) {
                OrderedRead read = plan(query, orderBy, index);
                if (read != null) {
                    return read;
                }
            }
        }
        return null;
    }

    private static OrderedRead plan(Document query, Document orderBy, OrderedIndex index) {
        Boolean descending = direction(orderBy, index.field());
        if (descending == null) {
            return null;
        }
        Kind kind = index.uniformKind();
        if (kind == null) {
            return null;
        }
        Range range = new Range();
        if (!range.addAll(query, index.field(), true)) {
            return null;
        }
        boolean sorted = orderBy != null && !orderBy.isEmpty();
        if (!sorted && range.lower == null && range.upper == null) {
            return null; // neither narrowed nor ordered: the scan is as good
        }
        if (!range.ofKind(kind) && !(range.plainValuesOnly && index.isEmptyCollection())) {
            return null;
        }
        return new OrderedRead(index, range.lower, range.upper, descending, sorted);
    }

    /** False for ascending or no sort, true for descending on the field, null for any other sort. */
    private static Boolean direction(Document orderBy, String field) {
        if (orderBy == null || orderBy.isEmpty()) {
            return false;
        }
        if (orderBy.size() != 1 || !(orderBy.get(field) instanceof Number direction)) {
            return null;
        }
        return switch (direction.intValue()) {
            case 1 -> false;
            case -1 -> true;
            default -> null;
        };
    }

    /** The tightest bounds the query's conditions on one field allow. */
    private static final class Range {
        Bound lower;
        Bound upper;
        private boolean plainValuesOnly = true;

        /** Adds the query's conditions on the field; false if the query's shape is not understood. */
        boolean addAll(Document query, String field, boolean topLevel) {
            for (Map.Entry<String, Object> condition : query.entrySet()) {
                if (topLevel && condition.getKey().equals("$and") && condition.getValue() instanceof List<?> clauses) {
                    for (Object clause : clauses) {
                        if (clause instanceof Document document && !addAll(document, field, false)) {
                            return false;
                        }
                    }
                } else if (condition.getKey().equals(field)) {
                    add(condition.getValue());
                }
            }
            return true;
        }

        private void add(Object condition) {
            if (condition instanceof Document operators && !operators.isEmpty()
                    && operators.keySet().stream().allMatch(key -> key.startsWith("$"))) {
                operators.forEach(this::operator);
            } else if (Kind.of(condition) != null) {
                equal(condition);
            }
            // anything else (a document, an array, null, a pattern) narrows nothing; the match decides
        }

        private void operator(String name, Object value) {
            switch (name) {
                case "$gt" -> lower(new Bound(value, false));
                case "$gte" -> lower(new Bound(value, true));
                case "$lt" -> upper(new Bound(value, false));
                case "$lte" -> upper(new Bound(value, true));
                case "$eq" -> equal(value);
                default -> {
                    // $in, $ne, $exists, …: narrow nothing here; the match decides
                }
            }
        }

        private void equal(Object value) {
            lower(new Bound(value, true));
            upper(new Bound(value, true));
        }

        private void lower(Bound bound) {
            plainValuesOnly &= Kind.of(bound.value()) != null;
            if (!plainValuesOnly) {
                return;
            }
            if (lower == null || tighter(bound, lower, 1)) {
                lower = bound;
            }
        }

        private void upper(Bound bound) {
            plainValuesOnly &= Kind.of(bound.value()) != null;
            if (!plainValuesOnly) {
                return;
            }
            if (upper == null || tighter(bound, upper, -1)) {
                upper = bound;
            }
        }

        /** Whether {@code bound} excludes more than {@code current}; sign 1 for lower bounds, -1 for upper. */
        private static boolean tighter(Bound bound, Bound current, int sign) {
            int compared = Integer.signum(ORDER.compare(bound.value(), current.value())) * sign;
            return compared > 0 || compared == 0 && !bound.inclusive();
        }

        /** Every bound is a plain value of the index's kind (else the type order of MongoDB would decide). */
        boolean ofKind(Kind kind) {
            return plainValuesOnly && (lower == null || Kind.of(lower.value()) == kind)
                    && (upper == null || Kind.of(upper.value()) == kind);
        }
    }
}
