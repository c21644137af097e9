package dev.covenant.registry.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;
import org.bson.types.Binary;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Content-addressed, compressed blob storage. A blob is written once per id and never changes, so writes are
 * idempotent. Blobs whose compressed form would not fit a 16 MB BSON document are split into chunks; the
 * header is written last, so a header always means a complete blob.
 */
public final class ContentStore {

    static final int CHUNK_BYTES = 8 * 1024 * 1024;
    /**
     * Blobs up to this size are compressed and inserted without looking first (a duplicate insert is ignored): one
     * round trip instead of two for the common small blob (a pact); larger ones are looked up first, to spare the
     * compression of a blob already stored.
     */
    static final int INSERT_WITHOUT_LOOKUP_BYTES = 256 * 1024;

    /** Blobs up to this size are kept in memory once written or read ({@link #recent}). */
    static final int KEEP_BYTES = 64 * 1024;
    /** The memory the kept blobs may take, in all. */
    static final long KEPT_BYTES = 8L * 1024 * 1024;

    private final MongoCollection<Document> contents;
    private final MongoCollection<Document> chunks;
    /**
     * Small blobs written or read lately, by id: a blob never changes once written, so this is exact on every
     * instance (no invalidation needed). Spares the read that follows a write in the same publish (the PUT's answer
     * renders the pact it stored) and the reads of the background work that handles its event.
     */
    private final Cache<String, byte[]> recent = Caffeine.newBuilder()
            .maximumWeight(KEPT_BYTES)
            .weigher((String id, byte[] bytes) -> bytes.length + id.length() + 64)
            .executor(Runnable::run)
            .build();

    ContentStore(MongoDatabase database) {
        this.contents = database.getCollection("contents");
        this.chunks = database.getCollection("content_chunks");
    }

    /** Stores bytes under an id (normally their hash); a no-op when the id exists. Emits the stored size. */
    public Mono<Integer> put(String id, byte[] bytes, String mediaType) {
        if (bytes.length <= INSERT_WITHOUT_LOOKUP_BYTES) {
            return Mono.fromCallable(() -> gzip(bytes))
                    .flatMap(compressed -> write(id, bytes.length, compressed, mediaType))
                    .doOnNext(stored -> keep(id, bytes));
        }
        return exists(id)
                .flatMap(present -> present ? Mono.just(0) : compressAndWrite(id, bytes, mediaType));
    }

    /** The bytes stored under an id, or empty. */
    public Mono<byte[]> get(String id) {
        return Mono.defer(() -> {
            byte[] kept = recent.getIfPresent(id);
            return kept != null ? Mono.just(kept) : Mono.from(contents.find(Filters.eq("_id", id)).first())
                    .flatMap(this::read)
                    .doOnNext(bytes -> keep(id, bytes));
        });
    }

    /** Keeps a small blob (the caller must not change the array afterwards: callers only read blobs). */
    private void keep(String id, byte[] bytes) {
        if (bytes.length <= KEEP_BYTES) {
            recent.put(id, bytes);
        }
    }

    private Mono<Boolean> exists(String id) {
        return Mono.from(contents.find(Filters.eq("_id", id)).projection(new Document("_id", 1)).first())
                .hasElement();
    }

    private Mono<Integer> compressAndWrite(String id, byte[] bytes, String mediaType) {
        return Mono.fromCallable(() -> gzip(bytes))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(compressed -> write(id, bytes.length, compressed, mediaType));
    }

    private Mono<Integer> write(String id, int size, byte[] compressed, String mediaType) {
        Document header = new Document("_id", id)
                .append("mediaType", mediaType)
                .append("size", size)
                .append("compressedSize", compressed.length)
                .append("createdAt", java.util.Date.from(Instant.now()));
        if (compressed.length <= CHUNK_BYTES) {
            header.append("gzip", new Binary(compressed));
            return Mono.from(contents.insertOne(header))
                    .thenReturn(compressed.length)
                    .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.just(0));
        }
        List<Document> parts = new ArrayList<>();
        for (int offset = 0, n = 0; offset < compressed.length; offset += CHUNK_BYTES, n++) {
            byte[] part = Arrays.copyOfRange(compressed, offset, Math.min(compressed.length, offset + CHUNK_BYTES));
            parts.add(new Document("_id", id + "#" + n).append("blob", id).append("n", n).append("gzip", new Binary(part)));
        }
        header.append("chunks", parts.size());
        return Flux.fromIterable(parts)
                .concatMap(part -> insertIgnoringDuplicate(chunks, part))
                .then(insertIgnoringDuplicate(contents, header))
                .thenReturn(compressed.length);
    }

    private static Mono<Void> insertIgnoringDuplicate(MongoCollection<Document> collection, Document document) {
        return Mono.from(collection.insertOne(document))
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.empty())
                .then();
    }

    private Mono<byte[]> read(Document header) {
        Binary inline = header.get("gzip", Binary.class);
        Mono<byte[]> compressed = inline != null
                ? Mono.just(inline.getData())
                : Flux.from(chunks.find(Filters.eq("blob", header.getString("_id"))).sort(Sorts.ascending("n")))
                        .map(part -> part.get("gzip", Binary.class).getData())
                        .collectList()
                        .map(ContentStore::concat);
        return compressed.publishOn(Schedulers.boundedElastic()).map(ContentStore::gunzip);
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 8));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] compressed) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed), 64 * 1024)) {
            return gzip.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("stored content is corrupt", e);
        }
    }
}
