package dev.covenant.registry.pacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.IndexModel;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.events.EventPayload;
import dev.covenant.registry.pacticipants.ApplicationOwnership;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacticipants.Version;
import dev.covenant.registry.pacticipants.VersionListener;
import dev.covenant.registry.pacticipants.VersionRef;
import dev.covenant.registry.storage.ContentStore;
import dev.covenant.registry.storage.HistoryIndex;
import dev.covenant.registry.storage.HotCollections;
import dev.covenant.registry.storage.IndexDefinitions;
import dev.covenant.registry.storage.ReadCaches;
import dev.covenant.registry.system.Names;
import dev.covenant.registry.system.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes and reads pacts. Conflicts are detected for every contract before anything is written, so a
 * refused publish stores nothing; content is stored once per verification hash; re-publishing identical
 * content is a no-op.
 */
@Service
public class PactService implements IndexDefinitions, HotCollections, VersionListener {

    static final String LATEST = "latest";
    private static final Logger LOG = LoggerFactory.getLogger(PactService.class);

    private final PactStore store;
    private final ContentStore contents;
    private final Pacticipants pacticipants;
    private final ApplicationOwnership ownership;
    private final EngineGateway engine;
    private final Clock clock;
    private final ObjectProvider<PactListener> listeners;

    private final EventLog events;

    PactService(MongoDatabase database, ContentStore contents, Pacticipants pacticipants, EngineGateway engine,
            Clock clock, ReadCaches caches, EventLog events, ObjectProvider<PactListener> listeners,
            ApplicationOwnership ownership, HistoryIndex history) {
        this.ownership = ownership;
        this.events = events;
        this.listeners = listeners;
        this.store = new PactStore(database, caches, history);
        this.contents = contents;
        this.pacticipants = pacticipants;
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return store.indexes();
    }

    /** The integrations and heads, which for-verification reads by the hundred (every branch of every consumer). */
    @Override
    public List<String> hotCollections() {
        return List.of("pact_integrations", "pact_branch_heads", "pact_heads");
    }

    long maxPactBytes() {
        return engine.maxPactBytes();
    }

    /** The engine gateway pacts are read through (for the endpoints of this feature). */
    EngineGateway engine() {
        return engine;
    }

    /** Valid, not conflicting, then authorised (claiming an unowned consumer), then written. */
    Mono<List<PublishedPact>> publish(PublishContracts request) {
        // A version not stored yet has no publications (they are written after it, and removed before it): its
        // pacts are neither read for conflicts nor looked up before they are written. (The version read is cached
        // for the request, so ensureVersion does not read it again.)
        return Mono.fromRunnable(() -> validate(request))
                .then(pacticipants.version(request.consumer(), request.version()).hasElement())
                .flatMap(versionStored -> (versionStored ? refuseConflicts(request) : Mono.<Void>empty())
                        .then(ownership.requireCallerMayWrite(request.consumer()))
                        .then(pacticipants.ensureVersion(request.consumer(), request.version(), request.branch(),
                                request.tags(), request.buildUrl()))
                        .map(version -> new TargetVersion(version, versionStored)))
                .flatMap(target -> Flux.fromIterable(request.contracts())
                        .concatMap(contract -> publishOne(target.version(), contract, target.storedBefore())
                                .flatMap(published -> events.record(published(request, published,
                                                published.newContent()))
                                        .thenReturn(published)))
                        .collectList());
    }

    /** The names the publish will write, checked before anything is authorised or written. */
    private static void validate(PublishContracts request) {
        Names.require("pacticipant", request.consumer());
        Pacticipants.validateVersion(request.version(), request.branch(), request.tags());
        request.contracts().forEach(contract -> Names.require("pacticipant", contract.provider()));
    }

    /** The event of a pact publication; publishing the same content for a version again is the same event. */
    private static Event published(PublishContracts request, PublishedPact published, boolean contentChanged) {
        PactPublication publication = published.publication();
        return Event.of(publication.consumer(), publication.consumerVersion(),
                new EventPayload.PactPublished(publication.provider(), publication.sha(), request.branch(),
                        request.tags(), contentChanged),
                publication.provider(), publication.sha());
    }

    private Mono<Void> refuseConflicts(PublishContracts request) {
        return Flux.fromIterable(request.contracts())
                .filter(contract -> !contract.merge())
                .concatMap(contract -> store.find(contract.provider(), request.consumer(), request.version())
                        .filter(existing -> !existing.sha().equals(contract.content().sha()))
                        .map(existing -> conflictMessage(request, contract)))
                .collectList()
                .flatMap(messages -> messages.isEmpty() ? Mono.empty()
                        : Mono.error(new PactConflictException(messages)));
    }

    static String conflictMessage(PublishContracts request, ContractToPublish contract) {
        return "Cannot change the content of the pact for " + request.consumer() + " version " + request.version()
                + " and provider " + contract.provider() + ", as race conditions will cause unreliable results for "
                + "can-i-deploy. Each pact must be published with a unique consumer version number. Some Pact "
                + "libraries generate random data when a concrete value for a type matcher is not specified, and "
                + "this can cause the contract to mutate - ensure you have given example values for all type "
                + "matchers. For more information see https://docs.pact.io/go/versioning";
    }

    /**
     * Publishes one pact of a version; {@code versionStored}: the version existed before this request (else it has no
     * publication to replace or merge into: a concurrent publish of the same new version is caught on insert).
     */
    private Mono<PublishedPact> publishOne(Version version, ContractToPublish contract, boolean versionStored) {
        Mono<PactPublication> stored = versionStored
                ? store.find(contract.provider(), contract.consumer(), version.number()) : Mono.empty();
        return pacticipants.ensureApplication(contract.provider())
                .then(stored.map(Optional::of).defaultIfEmpty(Optional.empty()))
                .flatMap(existing -> existing.isPresent() && contract.merge()
                        ? loadContent(existing.get().sha())
                                .map(previous -> contract.content().mergeInto(previous, engine))
                                .flatMap(merged -> write(version, contract, merged, existing.get()))
                        : write(version, contract, contract.content(), existing.orElse(null)));
    }

    private Mono<PublishedPact> write(Version version, ContractToPublish contract, PactContent content,
            PactPublication existing) {
        if (existing != null && existing.sha().equals(content.sha())) {
            return moveHeads(existing, version)
                    .flatMap(newContent -> notifyListeners(existing, content.tree(), false)
                            .thenReturn(new PublishedPact(existing, existing, contract.merge(), newContent)));
        }
        Instant now = clock.instant();
        PactPublication publication = new PactPublication(contract.provider(), contract.consumer(), version.number(),
                version.order(), content.sha(), existing == null ? now : existing.createdAt(), now);
        byte[] json = OpenApiDocuments.canonicalJson(content.tree());
        // the content store answers how many bytes it stored: none when the content was there already
        return contents.put(contentId(content.sha()), json, "application/json")
                .map(storedBytes -> storedBytes > 0)
                .flatMap(firstStored -> store.saveContentMetadata(content.sha(), contract.consumer(),
                                contract.provider(), content.pact().interactions().size(), Date.from(now))
                        .then(store.save(publication, existing == null ? null : existing.sha()))
                        .flatMap(saved -> saved ? Mono.just(publication) : raced(publication))
                        .map(stored -> new Written(stored, firstStored)))
                .flatMap(written -> moveHeads(written.publication(), version)
                        .flatMap(newContent -> store.link(contract.provider(), contract.consumer())
                                .then(notifyListeners(written.publication(), content.tree(),
                                        written.contentFirstStored()))
                                .thenReturn(new PublishedPact(written.publication(), existing,
                                        contract.merge() && existing != null, newContent))));
    }

    /** The version a publish writes to, and whether it was stored before the request. */
    private record TargetVersion(Version version, boolean storedBefore) {
    }

    /** A publication as stored, and whether this publish stored its content for the first time. */
    private record Written(PactPublication publication, boolean contentFirstStored) {
    }

    private Mono<Void> notifyListeners(PactPublication publication, JsonNode content, boolean firstStored) {
        return Flux.fromStream(listeners.orderedStream())
                .concatMap(listener -> listener.onPublished(publication, content, firstStored)
                        .onErrorResume(e -> {
                            LOG.warn("Listener {} failed after a pact publish: {}", listener.getClass().getSimpleName(),
                                    e.toString());
                            return Mono.empty();
                        }))
                .then();
    }

    /** A concurrent publish of the same version won: identical content is fine, different is a conflict. */
    private Mono<PactPublication> raced(PactPublication mine) {
        return store.find(mine.provider(), mine.consumer(), mine.consumerVersion())
                .filter(theirs -> theirs.sha().equals(mine.sha()))
                .switchIfEmpty(Mono.error(() -> new PactConflictException(List.of("The pact for " + mine.consumer()
                        + " version " + mine.consumerVersion() + " and provider " + mine.provider()
                        + " was changed by a concurrent publication"))));
    }

    /**
     * Moves every head the publication holds (latest, its content's, its branches' and tags'), in one command, then
     * the integration's branch heads; emits whether its content is new to the integration (this call created the
     * content's head: the event says so, and the provider hears about a failing content once).
     */
    private Mono<Boolean> moveHeads(PactPublication publication, Version version) {
        String contentKey = "sha:" + publication.sha();
        List<String> keys = new ArrayList<>(List.of(LATEST, contentKey));
        version.branches().forEach(branch -> keys.add("branch:" + branch));
        version.tags().forEach(tag -> keys.add("tag:" + tag));
        return store.moveHeads(publication, List.copyOf(new LinkedHashSet<>(keys)))
                .flatMap(created -> Flux.fromIterable(version.branches())
                        .concatMap(branch -> store.moveBranchHead(branch, publication))
                        .then(Mono.just(created.get(contentKey))));
    }

    @Override
    public Mono<Void> onBranch(Version version, String branch) {
        return store.byConsumerVersion(version.application(), version.number())
                .concatMap(publication -> store.moveHead(publication.provider(), publication.consumer(),
                                "branch:" + branch, publication)
                        .then(store.moveBranchHead(branch, publication)))
                .then();
    }

    @Override
    public Mono<Void> onBranchDeleted(String application, String branch) {
        return store.providersOf(application)
                .concatMap(provider -> store.forgetBranchHead(provider, application, branch))
                .then();
    }

    /**
     * The latest publication on each branch of the consumer that has one, by branch name: one document read (the
     * integration's branch heads, ADR 0033). An integration without a complete one (a store written before it, a
     * branch deletion under way) is read branch by branch, and its document rebuilt from that.
     */
    public Mono<Map<String, PactPublication>> branchHeads(String provider, String consumer) {
        return store.branchHeads(provider, consumer)
                .map(found -> (Map<String, PactPublication>) new TreeMap<>(found))
                .switchIfEmpty(Mono.defer(() -> branchHeadsOneByOne(provider, consumer)
                        .flatMap(found -> rebuildBranchHeads(provider, consumer, found).thenReturn(found))));
    }

    /** The branch heads read from the consumer's branches and each branch's pact head (the path before ADR 0033). */
    Mono<Map<String, PactPublication>> branchHeadsOneByOne(String provider, String consumer) {
        return pacticipants.branches(consumer)
                .map(branch -> "branch:" + branch.name())
                .collectList()
                .flatMap(keys -> latestAll(provider, consumer, keys))
                .map(heads -> {
                    Map<String, PactPublication> byBranch = new TreeMap<>();
                    heads.forEach((key, publication) -> byBranch.put(key.substring("branch:".length()), publication));
                    return byBranch;
                });
    }

    private Mono<Void> rebuildBranchHeads(String provider, String consumer, Map<String, PactPublication> heads) {
        return Flux.fromIterable(heads.entrySet())
                .concatMap(head -> store.moveBranchHead(head.getKey(), head.getValue()))
                .then(store.branchHeadsComplete(provider, consumer));
    }

    @Override
    public Mono<Void> onTag(Version version, String tag) {
        return store.byConsumerVersion(version.application(), version.number())
                .concatMap(publication -> store.moveHead(publication.provider(), publication.consumer(),
                        "tag:" + tag, publication))
                .then();
    }

    static String contentId(String sha) {
        return "pact:" + sha;
    }

    /** The stored pact JSON (with interaction ids) for a content hash. */
    public Mono<PactContent> loadContent(String sha) {
        return contents.get(contentId(sha))
                .flatMap(bytes -> engine.run(() -> PactContent.stored(engine, bytes)));
    }

    /** The stored pact JSON tree for a content hash. */
    public Mono<JsonNode> contentTree(String sha) {
        return contents.get(contentId(sha))
                .flatMap(engine::readStored);
    }

    public Mono<PactPublication> publication(String provider, String consumer, String version) {
        return store.find(provider, consumer, version);
    }

    public Mono<PactPublication> requirePublication(String provider, String consumer, String version) {
        return publication(provider, consumer, version).switchIfEmpty(Mono.error(() -> new NotFoundException(
                "No pact between " + consumer + " version " + version + " and provider " + provider)));
    }

    /** The latest publication of an integration overall ({@code "latest"}), on {@code "branch:b"} or {@code "tag:t"}. */
    public Mono<PactPublication> latest(String provider, String consumer, String key) {
        return store.head(provider, consumer, key)
                .flatMap(head -> store.find(provider, consumer, head.getString("version")));
    }

    /**
     * {@link #latest} for many head keys of one integration, read together (two queries for what is not cached):
     * head key → publication, in the keys' order, for the keys that have one.
     */
    public Mono<Map<String, PactPublication>> latestAll(String provider, String consumer, List<String> keys) {
        String prefix = provider + "|" + consumer + "|";
        return store.heads(provider, consumer, keys)
                .collectMap(head -> head.getString("_id").substring(prefix.length()), head -> head.getString("version"))
                .flatMap(versions -> store.findAll(provider, consumer, List.copyOf(new LinkedHashSet<>(versions.values())))
                        .collectMap(PactPublication::consumerVersion)
                        .map(publications -> {
                            Map<String, PactPublication> latest = new LinkedHashMap<>();
                            keys.stream()
                                    .filter(key -> publications.containsKey(versions.get(key)))
                                    .forEach(key -> latest.put(key, publications.get(versions.get(key))));
                            return latest;
                        }));
    }

    public Flux<String> consumersOf(String provider) {
        return store.consumersOf(provider);
    }

    public Flux<String> providersOf(String consumer) {
        return store.providersOf(consumer);
    }

    /** The pacts published by one consumer version (one per provider). */
    public Flux<PactPublication> byConsumerVersion(String consumer, String version) {
        return store.byConsumerVersion(consumer, version);
    }

    public Flux<PactPublication> history(String provider, String consumer) {
        return store.history(provider, consumer);
    }

    /** The newest publications of one integration, at most {@code size}, newest first; reads only those. */
    public Flux<PactPublication> newest(String provider, String consumer, int size) {
        return store.newest(provider, consumer, size);
    }

    Flux<org.bson.Document> integrations() {
        return store.allIntegrations();
    }

    /**
     * The consumer versions a pact head names (latest overall, per branch, per tag): the versions for-verification
     * and the matrix start from, which retention keeps. The per-content head is not one of them: a pact-version URL
     * whose head went with its version is answered from the remaining history.
     */
    public Flux<VersionRef> headVersions() {
        return store.allHeads()
                .filter(head -> !head.getString("key").startsWith("sha:"))
                .map(head -> new VersionRef(head.getString("consumer"), head.getString("version")));
    }

    /** Every content published, with its integration, each once: a scan (the verification summaries' build). */
    public Flux<PublishedContent> publishedContents() {
        return store.publishedContents();
    }

    /**
     * Removes the publications of one consumer version (retention; the content stays, it is shared and
     * addressed by hash). Emits how many were removed.
     */
    public Mono<Long> removeConsumerVersion(String consumer, String version) {
        return store.byConsumerVersion(consumer, version)
                .concatMap(store::delete)
                .filter(Boolean::booleanValue)
                .count();
    }

    /** Any publication with this content, for resolving pact-version URLs. */
    public Mono<org.bson.Document> contentMetadata(String sha) {
        return store.contentMetadata(sha);
    }
}
