package dev.covenant.registry.specs;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.contract.openapi.DocumentProblem;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.contract.openapi.Validation;
import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.events.EventPayload;
import dev.covenant.registry.pacticipants.ApplicationOwnership;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacticipants.Version;
import dev.covenant.registry.storage.ContentStore;
import dev.covenant.registry.storage.HistoryIndex;
import dev.covenant.registry.storage.IndexDefinitions;
import dev.covenant.registry.storage.MongoErrors;
import dev.covenant.registry.storage.ReadCache;
import dev.covenant.registry.storage.ReadCaches;
import dev.covenant.registry.system.ConflictException;
import dev.covenant.registry.system.Names;
import dev.covenant.registry.system.NotFoundException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes and reads provider contracts (OpenAPI documents). Validation happens before anything is written;
 * content is stored once per hash; the per-version record is written last, so it always points at stored
 * content; publishing the same content again is a no-op and different content for a published version is a
 * conflict.
 */
@Service
public class ProviderContracts implements IndexDefinitions {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderContracts.class);

    private final MongoCollection<Document> contracts;
    private final MongoCollection<Document> heads;
    private final ContentStore contents;
    private final Pacticipants pacticipants;
    private final ApplicationOwnership ownership;
    private final EngineGateway engine;
    private final Clock clock;
    private final Counter published;
    private final Counter unchanged;
    private final DistributionSummary sizes;
    private final EventLog events;
    private final ObjectProvider<PublishGuard> guards;
    private final ObjectProvider<ContractListener> listeners;
    private final HistoryIndex history;
    private final HistoryIndex.Kind contractsOfApplication;
    /** The heads (latest, per branch, per tag) by id: every check of a pact reads its provider's. */
    private final ReadCache<String, Document> headCache;

    ProviderContracts(MongoDatabase database, ContentStore contents, Pacticipants pacticipants,
            EngineGateway engine, Clock clock, MeterRegistry meters, EventLog events,
            ObjectProvider<PublishGuard> guards, ObjectProvider<ContractListener> listeners,
            ApplicationOwnership ownership, HistoryIndex history, ReadCaches caches) {
        this.headCache = caches.mutable(20_000);
        this.ownership = ownership;
        this.events = events;
        this.guards = guards;
        this.history = history;
        this.contractsOfApplication = history.register("contracts", "provider_contracts", List.of("app"),
                document -> document.getString("app"), "order");
        this.listeners = listeners;
        this.contracts = database.getCollection("provider_contracts");
        this.heads = database.getCollection("provider_contract_heads");
        this.contents = contents;
        this.pacticipants = pacticipants;
        this.engine = engine;
        this.clock = clock;
        this.published = Counter.builder("covenant.documents.published").description("OpenAPI documents stored")
                .tag("outcome", "created").register(meters);
        this.unchanged = Counter.builder("covenant.documents.published").description("OpenAPI documents stored")
                .tag("outcome", "unchanged").register(meters);
        this.sizes = DistributionSummary.builder("covenant.documents.size").baseUnit("bytes")
                .description("Size of published OpenAPI documents as sent").register(meters);
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of("provider_contracts", List.of(new IndexModel(Indexes.ascending("app", "order"))));
    }

    /** The engine gateway documents are read through (for the endpoints of this feature). */
    EngineGateway engine() {
        return engine;
    }

    /** The largest document accepted (publishing and pre-merge checks alike). */
    public long maxDocumentBytes() {
        return engine.maxDocumentBytes();
    }

    /**
     * Parses and validates a document with the publishing limits, off the event loop, without storing it
     * (pre-merge checks). Fails with {@code InvalidDocumentException} like a publish would.
     */
    public Mono<ParsedDocument> parseCandidate(byte[] content) {
        return parseCandidate(content, Validation.LENIENT);
    }

    /** {@link #parseCandidate(byte[])} at the given validation level ({@code STRICT} refuses structural problems). */
    public Mono<ParsedDocument> parseCandidate(byte[] content, Validation validation) {
        return engine.parse(content, validation);
    }

    Mono<PublishOutcome> publish(PublishRequest request) {
        return Mono.fromCallable(() -> validate(request))
                .flatMap(valid -> parse(request))
                .flatMap(document -> publishParsed(request, document))
                .flatMap(outcome -> events.record(published(outcome.contract())).thenReturn(outcome));
    }

    /** The event of a publish; a republish of the same content is the same event. */
    private static Event published(ProviderContract contract) {
        return Event.of(contract.application(), contract.version(),
                new EventPayload.ContractPublished(contract.sha256(), contract.branch(), contract.tags()),
                contract.sha256());
    }

    private PublishRequest validate(PublishRequest request) {
        Names.require("provider", request.provider());
        Names.require("pacticipantVersionNumber", request.version());
        Pacticipants.validateVersion(request.version(), request.branch(), request.tags());
        return request;
    }

    /**
     * Reads the document, then checks its structure while its content address is computed (both CPU work on
     * the same read-only tree, one per core). Lenient: structural problems travel as warnings; a strict
     * application policy refuses them (PublishGuard).
     */
    private Mono<ParsedDocument> parse(PublishRequest request) {
        return engine.parse(request.content(), Validation.NONE)
                .flatMap(read -> Mono.zip(structuralProblems(read, request.content()), contentAddress(read))
                        .map(checked -> read.withWarnings(checked.getT1())));
    }

    private Mono<List<DocumentProblem>> structuralProblems(ParsedDocument read, byte[] content) {
        return engine.structuralProblems(read, content, Validation.LENIENT);
    }

    private Mono<String> contentAddress(ParsedDocument read) {
        return engine.run(read::sha256);
    }

    /** Valid, then authorised (claiming an unowned application), then stored: a refused publish writes nothing. */
    private Mono<PublishOutcome> publishParsed(PublishRequest request, ParsedDocument document) {
        return find(request.provider(), request.version())
                .map(existing -> sameOrConflict(existing, document))
                .flatMap(unchanged -> authorise(request).thenReturn(unchanged))
                .switchIfEmpty(Mono.defer(() -> guard(request, document)
                        .then(authorise(request))
                        .then(store(request, document))));
    }

    private Mono<Void> authorise(PublishRequest request) {
        return ownership.requireCallerMayWrite(request.provider());
    }

    /** Every guard (e.g. an enforced compatibility policy) may refuse a new document before anything is written. */
    private Mono<Void> guard(PublishRequest request, ParsedDocument document) {
        return Flux.fromStream(guards.orderedStream())
                .concatMap(guard -> guard.beforeStore(request.provider(), request.version(), request.branch(), document))
                .then();
    }

    private PublishOutcome sameOrConflict(ProviderContract existing, ParsedDocument document) {
        if (!existing.sha256().equals(document.sha256())) {
            throw new ConflictException("contract", "A different OpenAPI document is already published for "
                    + existing.application() + " version " + existing.version()
                    + "; publish changed documents under a new version number");
        }
        unchanged.increment();
        return new PublishOutcome(existing, false, document.warnings());
    }

    private Mono<PublishOutcome> store(PublishRequest request, ParsedDocument document) {
        String rawId = "raw:" + OpenApiDocuments.sha256(request.content());
        return contents.put(document.sha256(), document.canonicalJson(), "application/json")
                .then(contents.put(rawId, request.content(), request.contentType()))
                .then(pacticipants.ensureVersion(request.provider(), request.version(), request.branch(),
                        request.tags(), request.buildUrl()))
                .flatMap(version -> insert(request, document, rawId, version));
    }

    private Mono<PublishOutcome> insert(PublishRequest request, ParsedDocument document, String rawId,
            Version version) {
        ProviderContract contract = new ProviderContract(request.provider(), request.version(), document.sha256(),
                rawId, request.contentType(), document.format().name(), document.specVersion(), document.title(),
                document.apiVersion(), request.content().length, clock.instant(), request.branch(),
                request.tags() == null ? List.of() : request.tags(), request.buildUrl(), version.order(),
                request.selfVerification());
        return history.add(contractsOfApplication, contract.application(),
                        ProviderContract.id(contract.application(), contract.version()))
                .then(Mono.from(contracts.insertOne(contract.toDocument())))
                .then(moveHeads(contract, version))
                .then(notifyListeners(contract, document))
                .then(Mono.fromCallable(() -> recordPublished(contract, document)))
                .onErrorResume(MongoErrors::isDuplicateKey, e -> find(contract.application(), contract.version())
                        .map(existing -> sameOrConflict(existing, document)));
    }

    private Mono<Void> notifyListeners(ProviderContract contract, ParsedDocument document) {
        return Flux.fromStream(listeners.orderedStream())
                .concatMap(listener -> listener.onPublished(contract, document.tree())
                        .onErrorResume(e -> logListenerFailure(listener, e)))
                .then();
    }

    private static Mono<Void> logListenerFailure(Object listener, Throwable error) {
        LOG.warn("Listener {} failed after a publish: {}", listener.getClass().getSimpleName(), error.toString());
        return Mono.empty();
    }

    private PublishOutcome recordPublished(ProviderContract contract, ParsedDocument document) {
        published.increment();
        sizes.record(contract.size());
        return new PublishOutcome(contract, true, document.warnings());
    }

    private Mono<Void> moveHeads(ProviderContract contract, Version version) {
        Flux<String> keys = Flux.concat(Flux.just("latest"),
                Flux.fromIterable(version.branches()).map(branch -> "branch:" + branch),
                Flux.fromIterable(version.tags()).map(tag -> "tag:" + tag));
        return keys.concatMap(key -> moveHead(contract, key)).then();
    }

    private Mono<Void> moveHead(ProviderContract contract, String key) {
        String id = contract.application() + "|" + key;
        return headCache.writing(id, Mono.from(heads.updateOne(and(eq("_id", id), or(exists("order", false),
                                lt("order", contract.order()))),
                        Updates.combine(Updates.set("version", contract.version()), Updates.set("order", contract.order())),
                        new UpdateOptions().upsert(true))))
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.empty())
                .then();
    }

    public Mono<ProviderContract> find(String application, String version) {
        return Mono.from(contracts.find(eq("_id", ProviderContract.id(application, version))).first())
                .map(ProviderContract::from);
    }

    public Mono<ProviderContract> require(String application, String version) {
        return find(application, version).switchIfEmpty(Mono.error(() -> new NotFoundException(
                "No OpenAPI document published for application '" + application + "' version '" + version + "'")));
    }

    /**
     * Records the provider's own verification of a published document (what {@code covenant verify-openapi
     * --publish} found), replacing any earlier one; the gate's self-verification policy reads it.
     */
    public Mono<ProviderContract> recordSelfVerification(String application, String version,
            ProviderContract.SelfVerification result) {
        return require(application, version)
                .flatMap(contract -> ownership.requireCallerMayWrite(application).thenReturn(contract))
                .flatMap(contract -> Mono.from(contracts.updateOne(eq("_id", ProviderContract.id(application, version)),
                        com.mongodb.client.model.Updates.set("selfVerification", result.toDocument()))))
                .then(require(application, version));
    }

    /** The latest contract overall, on a branch, or with a tag (exactly one of branch/tag may be non-null). */
    public Mono<ProviderContract> latest(String application, String branch, String tag) {
        String key = branch != null ? "branch:" + branch : tag != null ? "tag:" + tag : "latest";
        String id = application + "|" + key;
        return headCache.get(id, () -> Mono.from(heads.find(eq("_id", id)).first()))
                .flatMap(head -> find(application, head.getString("version")))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No OpenAPI document published for application '"
                        + application + "'" + (branch != null ? " on branch '" + branch + "'" : "")
                        + (tag != null ? " with tag '" + tag + "'" : ""))));
    }

    /** Every contract of an application, newest first. */
    public Flux<ProviderContract> history(String application) {
        return history.records(contractsOfApplication, application)
                .map(ProviderContract::from)
                .filter(contract -> contract.application().equals(application))
                .sort(Comparator.comparingLong(ProviderContract::order).reversed());
    }

    /** The application's newest contracts, at most {@code size}, newest first; reads only those. */
    public Flux<ProviderContract> newest(String application, int size) {
        return history.newest(contractsOfApplication, application, null, size,
                        document -> application.equals(document.getString("app")))
                .flatMapIterable(window -> window.records().stream().map(ProviderContract::from)
                        .sorted(Comparator.comparingLong(ProviderContract::order).reversed())
                        .toList());
    }

    /**
     * Every contract of an application, newest first (its list's order), read lazily a window at a time: a reader
     * that stops early reads only the windows it needed.
     */
    public Flux<ProviderContract> newestFirst(String application) {
        return history.newestFirst(contractsOfApplication, application, 100,
                        document -> application.equals(document.getString("app")))
                .map(ProviderContract::from);
    }

    /** Which of the given versions of the application have a document: one query by {@code _id}. */
    public Flux<String> versionsWithDocument(String application, Collection<String> versions) {
        if (versions.isEmpty()) {
            return Flux.empty();
        }
        return Flux.from(contracts.find(in("_id", versions.stream()
                        .map(version -> ProviderContract.id(application, version)).toList()))
                        .projection(Projections.include("version")))
                .map(document -> document.getString("version"));
    }

    /** The document's bytes as published. */
    public Mono<byte[]> original(ProviderContract contract) {
        return contents.get(contract.rawId()).switchIfEmpty(Mono.error(() -> new IllegalStateException(
                "content " + contract.rawId() + " is missing from storage")));
    }

    /** The normalized JSON form. */
    public Mono<byte[]> normalized(ProviderContract contract) {
        return contents.get(contract.sha256()).switchIfEmpty(Mono.error(() -> new IllegalStateException(
                "content " + contract.sha256() + " is missing from storage")));
    }
}
