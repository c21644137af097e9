package dev.covenant.registry.verifications;

import com.mongodb.client.model.IndexModel;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.events.EventPayload;
import dev.covenant.registry.pacticipants.Branch;
import dev.covenant.registry.pacticipants.ApplicationOwnership;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacticipants.VersionRef;
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
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Records verification results and answers "was this content verified, by whom, and is it pending?". */
@Service
public class VerificationService implements IndexDefinitions, HotCollections {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationService.class);

    private final VerificationStore store;
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
        this.pacts = pacts;
        this.pacticipants = pacticipants;
        this.sequences = sequences;
        this.clock = clock;
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return store.indexes();
    }

    /** The verification heads: pending status of every pact for-verification selects, and the matrix's latest. */
    @Override
    public List<String> hotCollections() {
        return List.of("verification_heads");
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
                        .then());
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
     * pending means never successfully verified.
     */
    public Mono<Boolean> pending(String provider, String sha, String providerBranch) {
        Mono<Document> anySuccess = store.head(sha + "|success-any");
        if (providerBranch == null) {
            return anySuccess.hasElement().map(verified -> !verified);
        }
        return store.head(sha + "|success-branch:" + providerBranch)
                .hasElement()
                .flatMap(onBranch -> onBranch ? Mono.just(false)
                        : anySuccess.flatMap(success -> pacticipants.branch(provider, providerBranch)
                                        .map(Branch::createdAt)
                                        .map(created -> !success.getDate("createdAt").toInstant().isBefore(created))
                                        .defaultIfEmpty(false))
                                .defaultIfEmpty(true));
    }

    /** {@link #pending} for many contents at once, their verification heads read together: content → pending. */
    public Mono<Map<String, Boolean>> pendingAll(String provider, List<String> shas, String providerBranch) {
        List<String> keys = new ArrayList<>();
        shas.forEach(sha -> {
            keys.add(sha + "|success-any");
            if (providerBranch != null) {
                keys.add(sha + "|success-branch:" + providerBranch);
            }
        });
        Mono<Optional<Instant>> branchCreated = providerBranch == null ? Mono.just(Optional.empty())
                : pacticipants.branch(provider, providerBranch).map(branch -> Optional.of(branch.createdAt()))
                        .defaultIfEmpty(Optional.empty());
        return store.heads(keys)
                .zipWith(branchCreated)
                .map(found -> {
                    Map<String, Boolean> pending = new LinkedHashMap<>();
                    shas.forEach(sha -> pending.put(sha, pending(found.getT1(), sha, providerBranch, found.getT2())));
                    return pending;
                });
    }

    /** The rule of {@link #pending} over heads already read. */
    private static boolean pending(Map<String, Document> heads, String sha, String providerBranch,
            Optional<Instant> branchCreated) {
        Document anySuccess = heads.get(sha + "|success-any");
        if (providerBranch == null) {
            return anySuccess == null;
        }
        if (heads.containsKey(sha + "|success-branch:" + providerBranch)) {
            return false;
        }
        if (anySuccess == null) {
            return true;
        }
        return branchCreated.map(created -> !anySuccess.getDate("createdAt").toInstant().isBefore(created))
                .orElse(false);
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
