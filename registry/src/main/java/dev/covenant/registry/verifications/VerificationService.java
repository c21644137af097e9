package dev.covenant.registry.verifications;

import com.mongodb.client.model.IndexModel;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.events.EventPayload;
import dev.covenant.registry.pacticipants.ApplicationOwnership;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacticipants.VersionRef;
import dev.covenant.registry.pacts.PactPublication;
import dev.covenant.registry.pacts.PactService;
import dev.covenant.registry.storage.HotCollections;
import dev.covenant.registry.storage.IndexDefinitions;
import dev.covenant.registry.storage.HistoryIndex;
import dev.covenant.registry.storage.ReadCaches;
import dev.covenant.registry.storage.Sequences;
import dev.covenant.registry.system.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Records verification results and answers "was this content verified, by whom, and is it pending?". */
@Service
public class VerificationService implements IndexDefinitions, HotCollections {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationService.class);

    private final VerificationStore store;
    private final VerificationSummaries summaries;
    /** The summarising of an old store under way on this instance, if any. */
    private final AtomicReference<Mono<Void>> summarising = new AtomicReference<>();
    private final PactService pacts;
    private final Pacticipants pacticipants;
    private final ApplicationOwnership ownership;
    private final Sequences sequences;
    private final Clock clock;
    private final EventLog events;
    private final ObjectProvider<VerificationListener> listeners;

    VerificationService(MongoDatabase database, PactService pacts, Pacticipants pacticipants, Sequences sequences,
            Clock clock, ReadCaches caches, EventLog events, ObjectProvider<VerificationListener> listeners,
            ApplicationOwnership ownership, HistoryIndex history) {
        this.ownership = ownership;
        this.events = events;
        this.listeners = listeners;
        this.store = new VerificationStore(database, caches, history);
        this.summaries = new VerificationSummaries(database, caches);
        this.pacts = pacts;
        this.pacticipants = pacticipants;
        this.sequences = sequences;
        this.clock = clock;
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return store.indexes();
    }

    /**
     * The verification heads (the matrix's latest) and the summaries (pending status of every pact for-verification
     * selects).
     */
    @Override
    public List<String> hotCollections() {
        return List.of("verification_heads", "verification_summaries");
    }

    /** The outcome of a publish: the verification, and whether it was new (false for a retried POST). */
    record Recorded(Verification verification, boolean created) {
    }

    Mono<Recorded> publish(String provider, String consumer, String sha, VerificationRequest request,
            Map<String, Object> context) {
        String id = OpenApiDocuments.sha256((sha + "|" + request.providerVersion() + "|" + request.fingerprint())
                .getBytes(StandardCharsets.UTF_8));
        return Mono.fromRunnable(() -> Pacticipants.validateVersion(request.providerVersion(), null, null))
                .then(requireContent(provider, consumer, sha))
                .then(ownership.requireCallerMayWrite(provider))
                .then(store.find(id))
                .map(existing -> new Recorded(existing, false))
                .switchIfEmpty(Mono.defer(() -> record(id, provider, consumer, sha, request, context)))
                .flatMap(recorded -> events.record(published(recorded.verification())).thenReturn(recorded));
    }

    /** The event of a verification; a retried POST is the same verification and the same event. */
    private static Event published(Verification verification) {
        return Event.of(verification.provider(), verification.providerVersion(),
                new EventPayload.VerificationPublished(verification.consumer(), verification.sha(),
                        verification.success(), verification.number(), verification.branches(),
                        verification.buildUrl()),
                verification.id());
    }

    private Mono<Void> requireContent(String provider, String consumer, String sha) {
        return pacts.contentMetadata(sha)
                .filter(meta -> provider.equals(meta.getString("provider")) && consumer.equals(meta.getString("consumer")))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No pact between " + consumer + " and " + provider
                        + " with content " + sha)))
                .then();
    }

    private Mono<Recorded> record(String id, String provider, String consumer, String sha, VerificationRequest request,
            Map<String, Object> context) {
        return pacticipants.ensureVersion(provider, request.providerVersion(), null, null, null)
                .zipWith(sequences.next("verification"))
                .map(versionAndNumber -> new Verification(id, versionAndNumber.getT2(), provider, consumer, sha,
                        request.providerVersion(), versionAndNumber.getT1().order(), versionAndNumber.getT1().branches(),
                        request.success(), request.buildUrl(), request.verifiedBy(), request.testResults(), context,
                        clock.instant()))
                .flatMap(verification -> store.insert(verification)
                        .flatMap(inserted -> inserted
                                ? moveHeads(verification)
                                        .then(notifyListeners(verification))
                                        .thenReturn(new Recorded(verification, true))
                                : store.find(id).map(existing -> new Recorded(existing, false))));
    }

    private Mono<Void> moveHeads(Verification verification) {
        String sha = verification.sha();
        Mono<Void> heads = store.moveHead(sha + "|pv:" + verification.providerVersion(), verification)
                .then(store.moveHead(sha + "|latest", verification));
        if (!verification.success()) {
            return heads;
        }
        return heads.then(store.recordFirst(sha + "|success-any", verification))
                .then(Flux.fromIterable(verification.branches())
                        .concatMap(branch -> store.recordFirst(sha + "|success-branch:" + branch, verification))
                        .then())
                .then(summaries.recordSuccess(verification));
    }

    private Mono<Void> notifyListeners(Verification verification) {
        return Flux.fromStream(listeners.orderedStream())
                .concatMap(listener -> listener.onRecorded(verification)
                        .onErrorResume(e -> {
                            LOG.warn("Listener {} failed after a verification: {}", listener.getClass().getSimpleName(),
                                    e.toString());
                            return Mono.empty();
                        }))
                .then();
    }

    /** The latest verification of this content by this provider version. */
    public Mono<Verification> latestBy(String sha, String providerVersion) {
        return store.head(sha + "|pv:" + providerVersion).flatMap(head -> store.find(head.getString("verification")));
    }

    /** The latest verification of this content by any provider version. */
    public Mono<Verification> latest(String sha) {
        return store.head(sha + "|latest").flatMap(head -> store.find(head.getString("verification")));
    }

    public Mono<Verification> byNumber(String sha, long number) {
        return store.findByNumber(sha, number);
    }

    public Flux<Verification> forContent(String sha) {
        return store.forContent(sha);
    }

    /** The newest verifications of a content, at most {@code size}, newest first; reads only those. */
    public Flux<Verification> newestForContent(String sha, int size) {
        return store.newestForContent(sha, size);
    }

    /**
     * Whether the content is pending for a provider branch: no provider version on that branch verified it
     * successfully, and no success (on any branch) happened before the branch existed. Without a branch,
     * pending means never successfully verified. Read from the content's heads (two reads); for-verification
     * reads {@link #pendingAll} instead, which answers the same from the integrations' summaries.
     */
    public Mono<Boolean> pending(String provider, String sha, String providerBranch) {
        return pendingFromHeads(provider, List.of(sha), providerBranch).map(pending -> pending.get(sha));
    }

    /**
     * {@link #pending} of many pacts of one provider at once: content → pending, from one summary document per
     * consumer (ADR 0036), whatever the number of contents. On a store not yet summarised (at start-up, or if the
     * summarising failed), from the heads, while {@link #summarise} runs in the background.
     */
    public Mono<Map<String, Boolean>> pendingAll(String provider, List<PactPublication> publications,
            String providerBranch) {
        List<String> consumers = publications.stream().map(PactPublication::consumer).distinct().toList();
        if (consumers.isEmpty()) {
            return Mono.just(Map.of());
        }
        return summaries.of(provider, consumers)
                .zipWith(branchCreated(provider, providerBranch))
                .map(found -> {
                    Map<String, Boolean> pending = new LinkedHashMap<>();
                    publications.forEach(publication -> {
                        VerificationSummaries.Outcome outcome = found.getT1().get(publication.consumer())
                                .get(publication.sha());
                        pending.put(publication.sha(), pending(outcome == null ? null : outcome.firstSuccess(),
                                outcome != null && providerBranch != null
                                        && outcome.firstSuccessOnBranch().containsKey(providerBranch),
                                providerBranch, found.getT2()));
                    });
                    return pending;
                })
                .switchIfEmpty(Mono.defer(() -> {
                    summarise().subscribe(ignored -> { }, e -> { });
                    return pendingFromHeads(provider,
                            publications.stream().map(PactPublication::sha).distinct().toList(), providerBranch);
                }));
    }

    /**
     * Summarises a store written before the verification summaries (one scan of its verifications); completes
     * when done. One run at a time per instance: a call while one runs joins it, a call after it starts another
     * (idempotent: it merges with {@code $min}).
     */
    public Mono<Void> summarise() {
        Mono<Void> running = summarising.get();
        if (running != null) {
            return running;
        }
        long start = System.nanoTime();
        Mono<Void> run = summaries.rebuild(store.successHeads(), pacts.publishedContents())
                .doOnNext(integrations -> LOG.info("Verification summaries built for {} integrations in {} ms",
                        integrations, (System.nanoTime() - start) / 1_000_000))
                .doOnError(e -> LOG.warn("Verification summaries not built: {}", e.toString()))
                .doFinally(signal -> summarising.set(null))
                .then()
                .cache();
        return summarising.compareAndSet(null, run) ? run : Mono.defer(this::summarise);
    }

    /** A store written before the summaries is summarised in the background once the registry is ready. */
    @EventListener(ApplicationReadyEvent.class)
    void summariseAnOldStore() {
        summaries.built()
                .filter(built -> !built)
                .flatMap(notBuilt -> summarise())
                .subscribe(null, e -> { });
    }

    /** {@link #pending} of many contents from their heads, read together: content → pending. */
    private Mono<Map<String, Boolean>> pendingFromHeads(String provider, List<String> shas, String providerBranch) {
        List<String> keys = new ArrayList<>();
        shas.forEach(sha -> {
            keys.add(sha + "|success-any");
            if (providerBranch != null) {
                keys.add(sha + "|success-branch:" + providerBranch);
            }
        });
        return store.heads(keys)
                .zipWith(branchCreated(provider, providerBranch))
                .map(found -> {
                    Map<String, Boolean> pending = new LinkedHashMap<>();
                    shas.forEach(sha -> {
                        Document anySuccess = found.getT1().get(sha + "|success-any");
                        pending.put(sha, pending(anySuccess == null ? null : anySuccess.getDate("createdAt").toInstant(),
                                found.getT1().containsKey(sha + "|success-branch:" + providerBranch), providerBranch,
                                found.getT2()));
                    });
                    return pending;
                });
    }

    private Mono<Optional<Instant>> branchCreated(String provider, String providerBranch) {
        return providerBranch == null ? Mono.just(Optional.empty())
                : pacticipants.branch(provider, providerBranch).map(branch -> Optional.of(branch.createdAt()))
                        .defaultIfEmpty(Optional.empty());
    }

    /** The rule of {@link #pending}, over the first success (null if none) and whether the branch had one. */
    private static boolean pending(Instant firstSuccess, boolean successOnBranch, String providerBranch,
            Optional<Instant> branchCreated) {
        if (providerBranch == null || firstSuccess == null) {
            return firstSuccess == null;
        }
        if (successOnBranch) {
            return false;
        }
        return branchCreated.map(created -> !firstSuccess.isBefore(created)).orElse(false);
    }

    /** Whether this provider branch ever verified the content successfully. */
    public Mono<Boolean> verifiedSuccessfullyOnBranch(String sha, String providerBranch) {
        return store.head(sha + "|success-branch:" + providerBranch).hasElement();
    }

    /**
     * The provider versions whose verification is the latest of a pact content (what the matrix reads when it
     * asks for the latest verification): retention keeps them.
     */
    public Flux<VersionRef> headVersions() {
        return store.allHeads()
                .filter(head -> head.getString("_id").endsWith("|latest"))
                .concatMap(head -> store.find(head.getString("verification")))
                .map(verification -> new VersionRef(verification.provider(), verification.providerVersion()));
    }

    /** Removes the verifications by one provider version (retention); emits how many were removed. */
    public Mono<Long> removeProviderVersion(String provider, String providerVersion) {
        return store.byProviderVersion(provider, providerVersion)
                .concatMap(store::delete)
                .filter(Boolean::booleanValue)
                .count();
    }

    Instant now() {
        return clock.instant();
    }
}
