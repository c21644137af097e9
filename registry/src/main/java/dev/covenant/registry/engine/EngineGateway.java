package dev.covenant.registry.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.covenant.contract.openapi.DocumentProblem;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.contract.openapi.Validation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The registry's one way into the compatibility engine: every feature reads published and stored documents and
 * pacts, compiles pact checkers and stubs, and runs diffs and checks through here. So there is one set of limits
 * ({@link EngineProperties}: size, nesting depth, YAML aliases, applied the same on every path), one bounded pool
 * for the CPU work (never an event-loop thread), and one cache of parsed documents by content hash. Methods named
 * {@code …Now} do the work on the calling thread: call them only inside {@link #run} (or on a thread of one's own).
 */
@Component
public class EngineGateway implements DisposableBean {

    private final EngineProperties properties;
    private final EngineScheduler scheduler;
    private final Cache<String, CompiledDocument> documents;

    @Autowired
    EngineGateway(EngineProperties properties, ObjectProvider<MeterRegistry> meters) {
        this(properties, meters.getIfAvailable());
    }

    /** A gateway outside Spring (tests); {@code meters} may be null. */
    public EngineGateway(EngineProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.scheduler = new EngineScheduler(properties.concurrency(), properties.maxQueuedTasks(), meters);
        this.documents = Caffeine.newBuilder()
                .maximumWeight(properties.documentCacheBytes())
                .weigher((String sha, CompiledDocument document) -> (int) Math.min(Integer.MAX_VALUE, document.weight()))
                .recordStats()
                .build();
        if (meters != null) {
            CaffeineCacheMetrics.monitor(meters, documents, "engine-documents");
        }
    }

    /** The limits in force. */
    public EngineProperties properties() {
        return properties;
    }

    /** The largest document accepted (publishing, proposals and pre-merge checks alike). */
    public long maxDocumentBytes() {
        return properties.maxDocumentBytes();
    }

    /** The largest pact accepted (decoded JSON). */
    public long maxPactBytes() {
        return properties.maxPactBytes();
    }

    /** CPU-heavy work (diffs, checks, reading) on the engine pool; 503 when its queue is full. */
    public <T> Mono<T> run(Callable<T> work) {
        return scheduler.run(work);
    }

    /**
     * A document as published (YAML or JSON), read with the publishing limits on the engine pool. Fails with
     * {@code InvalidDocumentException} for anything a publish refuses.
     */
    public Mono<ParsedDocument> parse(byte[] content, Validation validation) {
        return run(() -> parseNow(content, validation));
    }

    /** {@link #parse} on the calling thread. */
    public ParsedDocument parseNow(byte[] content, Validation validation) {
        return OpenApiDocuments.parse(content, properties.published(), validation);
    }

    /** The structural problems of a document read with {@code Validation.NONE}, on the engine pool. */
    public Mono<List<DocumentProblem>> structuralProblems(ParsedDocument read, byte[] content, Validation validation) {
        return run(() -> structuralProblemsNow(read, content, validation));
    }

    /** {@link #structuralProblems} on the calling thread. */
    public List<DocumentProblem> structuralProblemsNow(ParsedDocument read, byte[] content, Validation validation) {
        return OpenApiDocuments.structuralProblems(read, content, properties.published(), validation);
    }

    /** A pact (JSON) as published, read with the pact limits; fails with {@code InvalidDocumentException}. */
    public JsonNode readPactNow(byte[] json) {
        return OpenApiDocuments.readTree(json, properties.pacts());
    }

    /** A small JSON body (settings, queries) read with the same depth limit and the given size. */
    public JsonNode readJsonNow(byte[] json, long maxBytes) {
        return OpenApiDocuments.readTree(json, properties.stored().withMaxBytes(maxBytes));
    }

    /** Content read back from the store (canonical JSON of a document or pact), on the engine pool, not cached. */
    public Mono<JsonNode> readStored(byte[] json) {
        return run(() -> readStoredNow(json));
    }

    /** {@link #readStored} on the calling thread. */
    public JsonNode readStoredNow(byte[] json) {
        return OpenApiDocuments.readTree(json, properties.stored());
    }

    /**
     * The stored document with content hash {@code sha}: from the cache, else {@code json} (subscribed only then)
     * read on the engine pool and kept. Every reader of the same content shares one tree, checker and stub.
     */
    public Mono<CompiledDocument> stored(String sha, Mono<byte[]> json) {
        return Mono.defer(() -> {
            CompiledDocument cached = documents.getIfPresent(sha);
            if (cached != null) {
                return Mono.just(cached);
            }
            return json.flatMap(bytes -> run(() -> new CompiledDocument(sha, readStoredNow(bytes), bytes.length)))
                    .map(this::keep);
        });
    }

    /** A document that is not stored (a candidate of a pre-merge check or a guard), ready for checks. */
    public CompiledDocument candidate(ParsedDocument document) {
        CompiledDocument cached = documents.getIfPresent(document.sha256());
        if (cached != null) {
            return cached;
        }
        return keep(new CompiledDocument(document.sha256(), document.tree(), document.canonicalJson().length));
    }

    private CompiledDocument keep(CompiledDocument document) {
        CompiledDocument first = documents.asMap().putIfAbsent(document.sha(), document);
        return first != null ? first : document;
    }

    /** Documents in the cache now (tests, diagnostics). */
    long cachedDocuments() {
        documents.cleanUp();
        return documents.estimatedSize();
    }

    /** Engine tasks waiting for a thread now. */
    int queuedTasks() {
        return scheduler.queued();
    }

    @Override
    public void destroy() {
        scheduler.close();
    }
}
