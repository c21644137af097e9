package dev.covenant.registry.storage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.regex;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * "Every record of X" as point reads: per key (an application, an integration, a content) the ids of its records,
 * kept in {@code _id}-keyed chunk documents of the {@code history_index} collection. The embedded server answers
 * only {@code _id} filters (single values and {@code $in}) from an index and scans for every other filter, so a
 * list that grows with history is read here in two queries instead of a scan (ADR 0028).
 *
 * <p>Layout per kind and key: chunks {@code "<kind>:<key>:<c>"} of at most {@link #CHUNK} ids each, position {@code c
 * * CHUNK + i} for the {@code i}-th id of chunk {@code c}, and a head {@code "<kind>:<key>"} counting the appends. An
 * append pushes the id to the last chunk, guarded by the chunk not being full, and counts it in the head, in one
 * command (ADR 0038; before it, an append took a numbered slot from the head, then pushed, two commands), so
 * concurrent writers never lose each other's ids and never overfill a chunk. Readers read the chunks the count
 * names and one more (an append whose count was lost). Writers append <em>before</em> writing the record:
 * an id whose record does not exist (a crash in between, a removed record) is skipped on reading, and an id appended
 * twice (a retried write) is read once.
 */
public final class HistoryIndex {

    /** Ids per chunk document: small enough that a push rewrites a few kilobytes, large enough that reads are few. */
    static final int CHUNK = 256;
    /** Chunks an append tries before it fails (each beyond the first was filled by other appends meanwhile). */
    private static final int MAX_APPEND_ATTEMPTS = 8;
    /** Record ids per {@code $in} query when resolving. */
    private static final int RESOLVE_BATCH = 1_000;
    private static final Logger log = LoggerFactory.getLogger(HistoryIndex.class);

    private final MongoDatabase database;
    private final MongoCollection<Document> index;
    private final List<Kind> kinds = new CopyOnWriteArrayList<>();
    /** Per list (its head's id), the last chunk as this instance knows it: where its next append goes. */
    private final Cache<String, Tail> tails = Caffeine.newBuilder().maximumSize(100_000)
            .executor(Runnable::run).build();

    HistoryIndex(MongoDatabase database) {
        this.database = database;
        this.index = database.getCollection("history_index");
    }

    /**
     * One list: the records of {@code collection} grouped by {@code key} (computed from a stored record, for the
     * start-up build of a store written before the index existed), in the order of the numeric {@code orderField}
     * (null: no order), so that a built list is in the order appends would have given it.
     */
    public record Kind(String name, String collection, List<String> keyFields, Function<Document, String> key,
            String orderField) {
    }

    /** Declares a kind; a store that lacks its entries gets them built at start-up ({@link #buildMissing()}). */
    public Kind register(String name, String collection, List<String> keyFields, Function<Document, String> key) {
        return register(name, collection, keyFields, key, null);
    }

    /** Declares a kind whose built lists follow {@code orderField} (the windows read lists newest last). */
    public Kind register(String name, String collection, List<String> keyFields, Function<Document, String> key,
            String orderField) {
        Kind kind = new Kind(name, collection, List.copyOf(keyFields), key, orderField);
        kinds.add(kind);
        return kind;
    }

    /**
     * Appends a record id to the key's list (call before writing the record): one command in the common case (ADR
     * 0038), an ordered pair of updates that pushes the id to the list's last chunk unless that chunk is full, then
     * counts it in the head. The last chunk is known from this instance's earlier appends to the list, else from its
     * head's count (one read, once per list); a full chunk (another instance filled it) makes the append go on to the
     * next one.
     */
    public Mono<Void> add(Kind kind, String key, String id) {
        String head = headId(kind, key);
        return Mono.fromCallable(() -> Optional.ofNullable(reserve(head)))
                .flatMap(known -> known.isPresent() ? Mono.just(known.get())
                        : Mono.from(index.find(eq("_id", head)).first())
                                .map(found -> ((Number) found.get("n")).longValue())
                                .defaultIfEmpty(0L)
                                .map(count -> {
                                    tails.asMap().putIfAbsent(head, new Tail(count / CHUNK, (int) (count % CHUNK)));
                                    return reserve(head);
                                }))
                .flatMap(chunk -> append(kind, key, chunk, id, 0));
    }

    /** Where this instance's next append to a list goes: the last chunk it knows, or the next once that is full. */
    private Long reserve(String head) {
        Tail tail = tails.asMap().computeIfPresent(head, (ignored, known) -> known.fill() >= CHUNK
                ? new Tail(known.chunk() + 1, 1) : new Tail(known.chunk(), known.fill() + 1));
        return tail == null ? null : tail.chunk();
    }

    /** A list's last chunk as this instance knows it, and the ids it holds (its own appends counted when sent). */
    private record Tail(long chunk, int fill) {
    }

    /** Appends to {@code chunk}, or the next one when it is full; {@code attempt} counts the chunks tried. */
    private Mono<Void> append(Kind kind, String key, long chunk, String id, int attempt) {
        String head = headId(kind, key);
        List<UpdateOneModel<Document>> writes = List.of(
                new UpdateOneModel<>(and(eq("_id", chunkId(kind, key, chunk)), exists("ids." + (CHUNK - 1), false)),
                        Updates.push("ids", id), new UpdateOptions().upsert(true)),
                new UpdateOneModel<>(eq("_id", head), Updates.inc("n", 1L), new UpdateOptions().upsert(true)));
        return Mono.from(index.bulkWrite(writes, new BulkWriteOptions().ordered(true)))
                .then()
                .onErrorResume(MongoBulkWriteException.class, e -> {
                    BulkWriteError error = e.getWriteErrors().get(0);
                    if (error.getCategory() != ErrorCategory.DUPLICATE_KEY || attempt >= MAX_APPEND_ATTEMPTS) {
                        return Mono.error(e);
                    }
                    if (error.getIndex() == 1) { // the id is in; a first count of the list raced with another
                        return Mono.from(index.updateOne(eq("_id", head), Updates.inc("n", 1L),
                                        new UpdateOptions().upsert(true)))
                                .retryWhen(duplicateUpsert())
                                .then();
                    }
                    // The chunk is full (other instances appended), or another append created it a moment ago: that
                    // one again, then the next. (The embedded server counts a failed push in the head all the same:
                    // the count stays an upper bound, ADR 0038.)
                    long next = attempt == 0 ? chunk : chunk + 1;
                    tails.asMap().compute(head, (ignored, known) -> known == null || known.chunk() < next
                            ? new Tail(next, next == chunk ? CHUNK - 1 : 1) : known);
                    return append(kind, key, next, id, attempt + 1);
                });
    }

    /** The ids of the key's list in append order, each once. */
    public Flux<String> ids(Kind kind, String key) {
        return Mono.from(index.find(eq("_id", headId(kind, key))).first())
                .map(head -> ((Number) head.get("n")).longValue())
                .flatMapMany(count -> chunks(kind, key, count))
                .collect(LinkedHashSet<String>::new, LinkedHashSet::addAll)
                .flatMapIterable(ids -> ids);
    }

    /** The stored records of the key's list, in no particular order (callers sort by their own order field). */
    public Flux<Document> records(Kind kind, String key) {
        MongoCollection<Document> records = database.getCollection(kind.collection());
        return ids(kind, key)
                .buffer(RESOLVE_BATCH)
                .concatMap(batch -> Flux.from(records.find(in("_id", batch))));
    }

    /**
     * A window of the key's list read from its newest end: at most {@code size} records that {@code belongs} accepts,
     * newest first (append order), from the positions below {@code before} (null: from the newest). Reads the head,
     * the chunks the window needs (usually the last one or two, in one query) and about {@code size + 1} records by
     * {@code _id}, never the whole list; ids without a record are skipped and more ids read in their place.
     *
     * <p>A position is the chunk number times {@link #CHUNK} plus the index in the chunk's list; lists only grow, so a
     * position names the same id for good and {@link Window#older()} is a stable cursor. An id appended twice is
     * shown once, at its newest position within the chunks read.
     */
    public Mono<Window> newest(Kind kind, String key, Long before, int size, Predicate<Document> belongs) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        return Mono.from(index.find(eq("_id", headId(kind, key))).first())
                .map(head -> ((Number) head.get("n")).longValue())
                .defaultIfEmpty(0L)
                .flatMap(listed -> new WindowRead(kind, key, listed, before == null ? Long.MAX_VALUE : before, 0,
                        size, belongs).read());
    }

    /**
     * Every record of the key's list that {@code belongs} accepts, newest first, read lazily {@code window} at a
     * time: a reader that takes the first few reads only the windows it needs.
     */
    public Flux<Document> newestFirst(Kind kind, String key, int window, Predicate<Document> belongs) {
        return newest(kind, key, null, window, belongs)
                .expand(read -> read.older() == null ? Mono.empty() : newest(kind, key, read.older(), window, belongs))
                .flatMapIterable(Window::records, 1);
    }

    /**
     * Page {@code number} (from 1, the newest) of the key's list cut into pages of {@code size} positions: the records
     * at the positions {@code [listed - number·size, listed - (number-1)·size)}, newest first. Pages by number are
     * what the Pact Broker's API offers; a page holds fewer than {@code size} records where ids have no record
     * (removed) or repeat, and never a record of another page. {@link Window#older()} is null.
     */
    public Mono<Window> page(Kind kind, String key, long number, int size, Predicate<Document> belongs) {
        if (size < 1 || number < 1) {
            throw new IllegalArgumentException("page and size must be positive: " + number + ", " + size);
        }
        return Mono.from(index.find(eq("_id", headId(kind, key))).first())
                .map(head -> ((Number) head.get("n")).longValue())
                .defaultIfEmpty(0L)
                .flatMap(listed -> {
                    long to = listed - (number - 1) * size;
                    return to <= 0 ? Mono.just(new Window(List.of(), listed, null))
                            : new WindowRead(kind, key, listed, to, Math.max(0, to - size), size, belongs).read()
                                    .map(window -> new Window(window.records(), listed, null));
                });
    }

    /**
     * One window of a list.
     *
     * @param records the records, newest first
     * @param listed  ids appended to the list so far (the head's count): an upper bound of the number of records,
     *                since ids of removed records and ids appended twice count too
     * @param older   the {@code before} of the next older window, or null when nothing older is stored
     */
    public record Window(List<Document> records, long listed, Long older) {
    }

    /** The state of one {@link #newest} read: candidates from the chunks read so far, records found so far. */
    private final class WindowRead {

        private record Candidate(long position, String id) {
        }

        private final Kind kind;
        private final String key;
        private final long listed;
        private final long before;
        private final long floor;
        private final int size;
        private final Predicate<Document> belongs;
        private final Set<String> seen = new HashSet<>();
        private final Deque<Candidate> candidates = new ArrayDeque<>();
        private final List<Candidate> foundAt = new ArrayList<>();
        private final List<Document> found = new ArrayList<>();
        private long nextChunk;

        /** Reads positions below {@code before} and from {@code floor} on. */
        WindowRead(Kind kind, String key, long listed, long before, long floor, int size, Predicate<Document> belongs) {
            this.kind = kind;
            this.key = key;
            this.listed = listed;
            this.before = before;
            this.floor = floor;
            this.size = size;
            this.belongs = belongs;
            // from one chunk past the count's last: the ids of appends whose count was lost (see chunks)
            this.nextChunk = listed == 0 || before <= 0 ? -1 : Math.min(listed / CHUNK, (before - 1) / CHUNK);
        }

        /** Resolves candidates until one more record than the window shows is found (so "older" is known). */
        Mono<Window> read() {
            int wanted = size + 1 - found.size();
            if (wanted <= 0 || candidates.isEmpty() && nextChunk < 0) {
                return Mono.just(window());
            }
            if (candidates.size() < wanted && nextChunk >= 0) {
                return loadChunks(wanted - candidates.size()).then(Mono.defer(this::read));
            }
            List<Candidate> batch = new ArrayList<>();
            while (batch.size() < wanted && !candidates.isEmpty()) {
                batch.add(candidates.poll());
            }
            return Flux.from(database.getCollection(kind.collection())
                            .find(in("_id", batch.stream().map(Candidate::id).toList())))
                    .collectMap(record -> record.get("_id").toString())
                    .flatMap(byId -> {
                        for (Candidate candidate : batch) {
                            Document record = byId.get(candidate.id());
                            if (record != null && belongs.test(record)) {
                                foundAt.add(candidate);
                                found.add(record);
                            }
                        }
                        return read();
                    });
        }

        /** Reads the next older chunks, enough for {@code ids} more candidates, in one query. */
        private Mono<Void> loadChunks(int ids) {
            long count = Math.min(nextChunk + 1, ids / CHUNK + 2);
            List<String> chunkIds = LongStream.range(0, count)
                    .mapToObj(offset -> chunkId(kind, key, nextChunk - offset))
                    .toList();
            return Flux.from(index.find(in("_id", chunkIds)))
                    .collectMap(chunk -> chunk.getString("_id"), chunk -> chunk.getList("ids", String.class))
                    .doOnNext(byId -> {
                        for (long offset = 0; offset < count; offset++) {
                            long chunk = nextChunk - offset;
                            List<String> inChunk = byId.getOrDefault(chunkId(kind, key, chunk), List.of());
                            for (int at = inChunk.size() - 1; at >= 0; at--) {
                                long position = chunk * CHUNK + at;
                                String id = inChunk.get(at);
                                // an id at or above the cursor was shown on a newer window: its older copies are not
                                if (seen.add(id) && position < before && position >= floor) {
                                    candidates.add(new Candidate(position, id));
                                }
                            }
                        }
                        nextChunk -= count;
                        if ((nextChunk + 1) * CHUNK <= floor) {
                            nextChunk = -1;
                        }
                    })
                    .then();
        }

        private Window window() {
            boolean more = found.size() > size;
            List<Document> shown = more ? found.subList(0, size) : found;
            return new Window(List.copyOf(shown), listed, more ? foundAt.get(size - 1).position() : null);
        }
    }

    /** Two upserts of one new {@code _id} at once: one inserts, the other fails on the key and, retried, updates. */
    private static Retry duplicateUpsert() {
        return Retry.max(3).filter(MongoErrors::isDuplicateKey);
    }

    private Flux<List<String>> chunks(Kind kind, String key, long count) {
        // one chunk more than the count says: an append whose count was lost (a crash between its two updates)
        List<String> chunkIds = IntStream.range(0, (int) ((count + CHUNK - 1) / CHUNK) + 1)
                .mapToObj(chunk -> chunkId(kind, key, chunk))
                .toList();
        return Flux.from(index.find(in("_id", chunkIds)))
                .collectMap(chunk -> chunk.getString("_id"), chunk -> chunk.getList("ids", String.class))
                .flatMapIterable(byId -> chunkIds.stream().filter(byId::containsKey).map(byId::get).toList());
    }

    private static String headId(Kind kind, String key) {
        return kind.name() + ":" + key;
    }

    private static String chunkId(Kind kind, String key, long chunk) {
        return kind.name() + ":" + key + ":" + chunk;
    }

    private static String builtId(Kind kind) {
        return "built:" + kind.name();
    }

    /**
     * Builds, from the records, the lists of every registered kind whose build marker is missing: a store written
     * before the index existed (an upgrade), or one whose index was emptied. Runs before the server accepts
     * requests; one scan of the kind's collection, then chunk documents written whole.
     */
    void buildMissing() {
        for (Kind kind : kinds) {
            boolean built = Mono.from(index.find(eq("_id", builtId(kind))).first()).hasElement()
                    .block(Duration.ofSeconds(60));
            if (!built) {
                tails.invalidateAll(); // the lists are written anew: appends find their last chunks again
                long start = System.nanoTime();
                int records = build(kind).block(Duration.ofHours(1));
                log.info("History index '{}' built from {} records of {} in {} ms", kind.name(), records,
                        kind.collection(), (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    private Mono<Integer> build(Kind kind) {
        List<String> fields = new ArrayList<>(kind.keyFields());
        if (kind.orderField() != null) {
            fields.add(kind.orderField());
        }
        return Flux.from(database.getCollection(kind.collection()).find()
                        .projection(Projections.include(fields)))
                .collect(LinkedHashMap<String, List<Document>>::new, (byKey, record) -> byKey
                        .computeIfAbsent(kind.key().apply(record), ignored -> new ArrayList<>())
                        .add(record))
                .map(byKey -> {
                    Map<String, List<String>> ids = new LinkedHashMap<>();
                    byKey.forEach((key, records) -> {
                        if (kind.orderField() != null) {
                            records.sort(java.util.Comparator.comparingLong(record -> record.get(kind.orderField())
                                    instanceof Number order ? order.longValue() : Long.MIN_VALUE));
                        }
                        ids.put(key, records.stream().map(record -> record.get("_id").toString()).toList());
                    });
                    return ids;
                })
                .flatMap(byKey -> Mono.from(index.deleteMany(regex("_id", "^" + Pattern.quote(kind.name() + ":"))))
                        .thenMany(Flux.fromIterable(byKey.entrySet()))
                        .concatMap(entry -> write(kind, entry))
                        .then(Mono.from(index.updateOne(eq("_id", builtId(kind)), Updates.set("at", new Date()),
                                new UpdateOptions().upsert(true))))
                        .thenReturn(byKey.values().stream().mapToInt(List::size).sum()));
    }

    private Mono<Void> write(Kind kind, Map.Entry<String, List<String>> entry) {
        List<String> ids = entry.getValue();
        List<Document> documents = new ArrayList<>();
        for (int chunk = 0; chunk * CHUNK < ids.size(); chunk++) {
            documents.add(new Document("_id", chunkId(kind, entry.getKey(), chunk))
                    .append("ids", ids.subList(chunk * CHUNK, Math.min(ids.size(), (chunk + 1) * CHUNK))));
        }
        documents.add(new Document("_id", headId(kind, entry.getKey())).append("n", (long) ids.size()));
        return Mono.from(index.insertMany(documents)).then();
    }
}
