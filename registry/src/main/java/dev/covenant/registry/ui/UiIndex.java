package dev.covenant.registry.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
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
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The UI's read model, kept in memory: the search index (names in every latest document and pact), the contract
 * edges with their verification status, and which applications have a document. Rebuilt from the store at
 * start-up, then kept current by the publish listeners, so pages never scan documents.
 */
@Component
class UiIndex implements ContractListener, PactListener, VerificationListener {

    private static final Logger LOG = LoggerFactory.getLogger(UiIndex.class);
    private static final DocumentLimits STORED = new DocumentLimits(Long.MAX_VALUE / 2, 512, 0);

    private final Pacticipants pacticipants;
    private final ProviderContracts contracts;
    private final PactService pacts;
    private final VerificationService verifications;
    private final SearchIndex search = new SearchIndex();
    private final Map<String, Edge> edges = new ConcurrentHashMap<>();
    private final Map<String, ProviderContract> documents = new ConcurrentHashMap<>();
    private final AtomicBoolean ready = new AtomicBoolean();
    private volatile Disposable rebuild;

    UiIndex(Pacticipants pacticipants, ProviderContracts contracts, PactService pacts,
            VerificationService verifications) {
        this.pacticipants = pacticipants;
        this.contracts = contracts;
        this.pacts = pacts;
        this.verifications = verifications;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startRebuild() {
        // Background work at start-up, not in a request path: pages say "being built" until it completes.
        rebuild = rebuild()
                .doFinally(signal -> ready.set(true))
                .subscribe(null, error -> LOG.warn("Building the UI index failed: {}", error.toString()));
    }

    /** Reads every application's latest document and pacts. */
    Mono<Void> rebuild() {
        long started = System.nanoTime();
        return pacticipants.applications()
                .flatMap(this::indexApplication, 2)
                .then(Mono.fromRunnable(() -> LOG.info("UI index built: {} names, {} contracts in {} ms", search.names(),
                        edges.size(), Duration.ofNanos(System.nanoTime() - started).toMillis())));
    }

    private Mono<Void> indexApplication(Application application) {
        String name = application.name();
        Mono<Void> document = contracts.latest(name, null, null)
                .onErrorResume(NotFoundException.class, e -> Mono.empty())
                .flatMap(contract -> contracts.normalized(contract)
                        .publishOn(Schedulers.boundedElastic())
                        .map(bytes -> OpenApiDocuments.readTree(bytes, STORED))
                        .doOnNext(tree -> putDocument(contract, tree)))
                .then();
        Mono<Void> consumers = pacts.consumersOf(name)
                .concatMap(consumer -> pacts.latest(name, consumer, "latest")
                        .flatMap(publication -> pacts.contentTree(publication.sha())
                                .flatMap(tree -> putPact(publication, tree))))
                .then();
        return document.then(consumers)
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
    public Mono<Void> onPublished(PactPublication publication, JsonNode content) {
        return putPact(publication, content);
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
        search.replace("doc:" + contract.application(),
                DocumentTerms.ofDocument(contract.application(), contract.version(), document));
        documents.put(contract.application(), contract);
    }

    private Mono<Void> putPact(PactPublication publication, JsonNode content) {
        Edge current = edges.get(publication.provider() + "|" + publication.consumer());
        if (current != null && current.order() > publication.order()) {
            return Mono.empty();
        }
        return verifications.latest(publication.sha())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(latest -> {
                    Edge edge = new Edge(publication.provider(), publication.consumer(), publication.consumerVersion(),
                            publication.order(), publication.sha(), Edge.Status.UNVERIFIED, null, 0);
                    edges.put(edge.key(), latest.map(v -> edge.verified(v.providerVersion(), v.success(), v.number()))
                            .orElse(edge));
                    search.replace("pact:" + edge.key(), DocumentTerms.ofPact(publication.consumer(),
                            publication.consumerVersion(), publication.provider(), PactUsage.of(content)));
                })
                .then();
    }

    boolean ready() {
        return ready.get();
    }

    List<SearchIndex.Entry> search(String query, int limit) {
        return search.search(query, limit);
    }

    /** Every contract edge. */
    List<Edge> edges() {
        return List.copyOf(edges.values());
    }

    /** The version of the application's latest document, or null when it has none. */
    String documentVersion(String application) {
        ProviderContract contract = documents.get(application);
        return contract == null ? null : contract.version();
    }

    Flux<Edge> edgesOf(String application) {
        return Flux.fromIterable(edges.values())
                .filter(edge -> edge.provider().equals(application) || edge.consumer().equals(application));
    }
}
