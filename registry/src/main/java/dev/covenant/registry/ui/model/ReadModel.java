package dev.covenant.registry.ui.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.registry.pacticipants.Application;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacts.PactListener;
import dev.covenant.registry.pacts.PactPublication;
import dev.covenant.registry.pacts.PactService;
import dev.covenant.registry.specs.ContractListener;
import dev.covenant.registry.specs.ProviderContract;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.system.NotFoundException;
import dev.covenant.registry.verifications.Verification;
import dev.covenant.registry.verifications.VerificationListener;
import dev.covenant.registry.verifications.VerificationService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The UI's read model, kept in memory: which applications have a document (and its latest version), the contract
 * edges with their verification status, and what the search ({@link UiSearch}) indexes. Built from the store by
 * {@link #rebuild()}, kept current by the publish listeners of this instance and, for other instances' writes, by
 * {@link ReadModelFollower}; so pages never scan documents.
 */
@Component
public class ReadModel implements ContractListener, PactListener, VerificationListener {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModel.class);

    private final Pacticipants pacticipants;
    private final ProviderContracts contracts;
    private final PactService pacts;
    private final VerificationService verifications;
    private final UiSearch search;
    private final EngineGateway engine;
    private final Map<String, Edge> edges = new ConcurrentHashMap<>();
    private final Map<String, ProviderContract> documents = new ConcurrentHashMap<>();
    private final AtomicBoolean ready = new AtomicBoolean();

    ReadModel(Pacticipants pacticipants, ProviderContracts contracts, PactService pacts,
            VerificationService verifications, UiSearch search, EngineGateway engine) {
        this.engine = engine;
        this.pacticipants = pacticipants;
        this.contracts = contracts;
        this.pacts = pacts;
        this.verifications = verifications;
        this.search = search;
    }

    /** Reads every application's latest document, running versions and pacts; the model is ready after it. */
    Mono<Void> rebuild() {
        long started = System.nanoTime();
        return pacticipants.applications()
                .flatMap(this::indexApplication, 2)
                .then(Mono.fromRunnable(() -> LOG.info("UI index built: {} names, {} contracts in {} ms", search.names(),
                        edges.size(), Duration.ofNanos(System.nanoTime() - started).toMillis())))
                .doFinally(signal -> ready.set(true))
                .then();
    }

    /** Reads the named application again (written by another instance, or deployed or released). */
    Mono<Void> reindex(String name) {
        return pacticipants.application(name)
                .flatMap(this::indexApplication)
                .onErrorResume(e -> Mono.empty());
    }

    /** Indexes the versions of the application running in environments again (after a deployment or release). */
    Mono<Void> reindexRunning(String name) {
        return search.putRunning(name, documentVersion(name))
                .onErrorResume(e -> {
                    LOG.warn("Could not index the running versions of {} for search: {}", name, e.toString());
                    return Mono.empty();
                });
    }

    Mono<Void> indexApplication(Application application) {
        String name = application.name();
        Mono<Void> document = contracts.latest(name, null, null)
                .onErrorResume(NotFoundException.class, e -> Mono.empty())
                .flatMap(contract -> contracts.normalized(contract)
                        .flatMap(engine::readStored)
                        .doOnNext(tree -> putDocument(contract, tree)))
                .then();
        Mono<Void> consumers = pacts.consumersOf(name)
                .concatMap(consumer -> pacts.latest(name, consumer, "latest")
                        .flatMap(publication -> pacts.contentTree(publication.sha())
                                .flatMap(tree -> putPact(publication, tree, false))))
                .then();
        return document.then(Mono.defer(() -> search.putRunning(name, documentVersion(name))))
                .then(consumers)
                .onErrorResume(e -> {
                    LOG.warn("Could not index application {}: {}", name, e.toString());
                    return Mono.empty();
                });
    }

    @Override
    public Mono<Void> onPublished(ProviderContract contract, JsonNode document) {
        return Mono.fromRunnable(() -> putDocument(contract, document))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    @Override
    public Mono<Void> onPublished(PactPublication publication, JsonNode content, boolean firstStored) {
        return putPact(publication, content, firstStored);
    }

    @Override
    public Mono<Void> onRecorded(Verification verification) {
        return Mono.fromRunnable(() -> edges.computeIfPresent(verification.provider() + "|" + verification.consumer(),
                (key, edge) -> edge.sha().equals(verification.sha()) && verification.number() > edge.verificationNumber()
                        ? edge.verified(verification.providerVersion(), verification.success(), verification.number())
                        : edge));
    }

    private void putDocument(ProviderContract contract, JsonNode document) {
        // Like the "latest" head: a publish for an older version (a hotfix, say) does not replace a newer one.
        ProviderContract current = documents.get(contract.application());
        if (current != null && current.order() > contract.order()) {
            return;
        }
        search.putLatest(contract, document);
        documents.put(contract.application(), contract);
    }

    /** {@code firstStored}: the content is new to the store, so it has no verification to look up. */
    private Mono<Void> putPact(PactPublication publication, JsonNode content, boolean firstStored) {
        Edge current = edges.get(publication.provider() + "|" + publication.consumer());
        if (current != null && current.order() > publication.order()) {
            return Mono.empty();
        }
        return (firstStored ? Mono.<Verification>empty() : verifications.latest(publication.sha()))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(latest -> {
                    Edge edge = new Edge(publication.provider(), publication.consumer(), publication.consumerVersion(),
                            publication.order(), publication.sha(), Edge.Status.UNVERIFIED, null, 0);
                    edges.put(edge.key(), latest.map(v -> edge.verified(v.providerVersion(), v.success(), v.number()))
                            .orElse(edge));
                    search.putPact(publication, content);
                })
                .then();
    }

    public boolean ready() {
        return ready.get();
    }

    /** Every contract edge. */
    public List<Edge> edges() {
        return List.copyOf(edges.values());
    }

    /** The version of the application's latest document, or null when it has none. */
    public String documentVersion(String application) {
        ProviderContract contract = documents.get(application);
        return contract == null ? null : contract.version();
    }

    public Flux<Edge> edgesOf(String application) {
        return Flux.fromIterable(edges.values())
                .filter(edge -> edge.provider().equals(application) || edge.consumer().equals(application));
    }
}
