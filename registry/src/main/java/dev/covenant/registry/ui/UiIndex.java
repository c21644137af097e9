package dev.covenant.registry.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.pacticipants.Application;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacts.PactListener;
import dev.covenant.registry.pacts.PactPublication;
import dev.covenant.registry.pacts.PactService;
import dev.covenant.registry.specs.ContractListener;
import dev.covenant.registry.specs.ProviderContract;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.storage.StorageProperties;
import dev.covenant.registry.system.NotFoundException;
import dev.covenant.registry.verifications.Verification;
import dev.covenant.registry.verifications.VerificationListener;
import dev.covenant.registry.verifications.VerificationService;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
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
 * start-up, then kept current by the publish listeners, so pages never scan documents. Writes made by other
 * instances sharing the store reach no listener here, so the index also follows the event log
 * ({@link #followEvents()}, every {@link UiProperties#followInterval()}) and re-indexes the applications an event
 * names.
 */
@Component
class UiIndex implements ContractListener, PactListener, VerificationListener, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(UiIndex.class);

    private final Pacticipants pacticipants;
    private final ProviderContracts contracts;
    private final PactService pacts;
    private final VerificationService verifications;
    private final EngineGateway engine;
    private final SearchIndex search = new SearchIndex();
    private final Map<String, Edge> edges = new ConcurrentHashMap<>();
    private final Map<String, ProviderContract> documents = new ConcurrentHashMap<>();
    /** Events read per poll of the log. */
    static final int FOLLOW_PAGE = 500;
    /**
     * Sequence numbers are taken before an event is written, so one with a lower number can appear after a
     * higher one: each poll looks back this far and skips the sequences it has handled.
     */
    static final long FOLLOW_LOOKBACK = 64;

    private final EventLog events;
    private final Duration followInterval;
    private final AtomicBoolean ready = new AtomicBoolean();
    /** The highest event sequence handled; events after it (and a little before) are read on the next poll. */
    private final AtomicLong followed = new AtomicLong(-1);
    private final Set<Long> handled = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > 10_000;
        }
    }));
    /**
     * Applications to index once more when the stores' read caches may still have served this instance a value
     * from before the other instance's write ({@code covenant.storage.read-cache-ttl}): name → due (nanoTime).
     */
    private final Map<String, Long> recheck = new ConcurrentHashMap<>();
    private final long recheckAfterNanos;
    private volatile Disposable rebuild;
    private volatile Disposable following;
    private volatile Disposable own;

    UiIndex(Pacticipants pacticipants, ProviderContracts contracts, PactService pacts,
            VerificationService verifications, EventLog events, UiProperties properties, StorageProperties storage,
            EngineGateway engine) {
        this.engine = engine;
        this.pacticipants = pacticipants;
        this.contracts = contracts;
        this.pacts = pacts;
        this.verifications = verifications;
        this.events = events;
        this.followInterval = properties.followInterval();
        this.recheckAfterNanos = storage.readCacheTtl().toNanos();
    }

    @EventListener(ApplicationReadyEvent.class)
    void startRebuild() {
        // This instance's own events already reached the listeners: the poll skips them.
        own = events.live().subscribe(event -> handled.add(event.sequence()));
        // Background work at start-up, not in a request path: pages say "being built" until it completes. The
        // log position is taken first, so whatever is written during the rebuild is read again by the poll.
        rebuild = newestSequence()
                .doOnNext(followed::set)
                .then(rebuild())
                .doFinally(signal -> {
                    ready.set(true);
                    startFollowing();
                })
                .subscribe(null, error -> LOG.warn("Building the UI index failed: {}", error.toString()));
    }

    private void startFollowing() {
        if (followInterval.isZero() || followInterval.isNegative()) {
            return;
        }
        following = Flux.interval(followInterval, followInterval)
                .onBackpressureDrop()
                .concatMap(tick -> followEvents()
                        .onErrorResume(e -> {
                            LOG.warn("Following the event log for the UI index failed: {}", e.toString());
                            return Mono.just(0);
                        }), 1)
                .subscribe();
    }

    @Override
    public void destroy() {
        Stream.of(rebuild, following, own).filter(Objects::nonNull).forEach(Disposable::dispose);
    }

    private Mono<Long> newestSequence() {
        return events.latest(1).next().map(Event::sequence).defaultIfEmpty(0L)
                .onErrorReturn(0L);
    }

    /**
     * One poll of the event log: re-indexes every application named by events not handled yet (recorded by
     * other instances, or before this one started following). A single indexed query when nothing happened.
     * Each application is indexed once more after the read-cache time to live, when whatever this instance
     * cached before the other one's write has expired. Completes with the number of applications re-indexed.
     */
    Mono<Integer> followEvents() {
        long from = followed.get();
        if (from < 0) {
            return newestSequence().doOnNext(followed::set).thenReturn(0);
        }
        return events.since(Math.max(0, from - FOLLOW_LOOKBACK), FOLLOW_PAGE)
                .filter(event -> !handled.contains(event.sequence()))
                .collectList()
                .flatMap(fresh -> {
                    long now = System.nanoTime();
                    Set<String> names = new LinkedHashSet<>();
                    recheck.forEach((name, due) -> {
                        if (due - now <= 0 && recheck.remove(name, due)) {
                            names.add(name);
                        }
                    });
                    Set<String> named = new LinkedHashSet<>();
                    fresh.forEach(event -> named.addAll(applications(event)));
                    names.addAll(named);
                    if (names.isEmpty()) {
                        return Mono.just(0);
                    }
                    return Flux.fromIterable(names)
                            .concatMap(name -> pacticipants.application(name)
                                    .flatMap(this::indexApplication)
                                    .onErrorResume(e -> Mono.empty()))
                            .then(Mono.fromRunnable(() -> {
                                fresh.forEach(event -> {
                                    handled.add(event.sequence());
                                    followed.accumulateAndGet(event.sequence(), Math::max);
                                });
                                if (recheckAfterNanos > 0) {
                                    named.forEach(name -> recheck.put(name, System.nanoTime() + recheckAfterNanos));
                                }
                            }))
                            .thenReturn(names.size());
                });
    }

    /** The applications whose index entries an event may change. */
    static Set<String> applications(Event event) {
        Set<String> names = new LinkedHashSet<>();
        Stream.of(event.application(), event.attribute("provider"), event.attribute("consumer"))
                .filter(name -> name != null && !name.isBlank())
                .forEach(names::add);
        return names;
    }

    /** Reads every application's latest document and pacts. */
    Mono<Void> rebuild() {
        long started = System.nanoTime();
        return pacticipants.applications()
                .flatMap(this::indexApplication, 2)
                .then(Mono.fromRunnable(() -> LOG.info("UI index built: {} names, {} contracts in {} ms", search.names(),
                        edges.size(), Duration.ofNanos(System.nanoTime() - started).toMillis())));
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
