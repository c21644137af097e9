package dev.covenant.registry.checks;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.contract.pact.Pact;
import dev.covenant.contract.pact.Pacts;
import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.registry.pacts.PactService;
import dev.covenant.registry.storage.MongoErrors;
import dev.covenant.registry.storage.ReadCache;
import dev.covenant.registry.storage.ReadCaches;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Cross-contract checks: a consumer's pact against a provider version's document. Results are stored once per
 * (pact content, provider version) in {@code cross_checks}, so the matrix reads them by {@code _id} and a check
 * already made is never made again. Engine work runs on the engine gateway's bounded pool, never on an event-loop
 * thread.
 */
@Service
public class CrossChecks {

    private static final int PARSED_PACTS = 512;

    private final MongoCollection<Document> results;
    private final ReadCache<String, CrossCheck> cache;
    private final PactService pacts;
    private final Clock clock;
    private final EngineGateway engine;
    private final StoredDocuments documents;
    private final dev.covenant.registry.specs.ProviderContracts contracts;
    private final Policies policies;
    private final Map<String, Pact> parsedPacts = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pact> eldest) {
            return size() > PARSED_PACTS;
        }
    };

    CrossChecks(MongoDatabase database, ReadCaches caches, PactService pacts, Clock clock,
            EngineGateway engine, dev.covenant.registry.specs.ProviderContracts contracts, Policies policies) {
        this.contracts = contracts;
        this.policies = policies;
        this.results = database.getCollection("cross_checks");
        this.cache = caches.immutable(50_000);
        this.pacts = pacts;
        this.clock = clock;
        this.engine = engine;
        this.documents = new StoredDocuments(contracts, engine);
    }

    /** The stored result for a pact content and provider version, if a check was made (the matrix uses it). */
    public Mono<CrossCheck> find(String pactSha, String providerVersion) {
        String id = CrossCheck.id(pactSha, providerVersion);
        return cache.get(id, () -> Mono.from(results.find(eq("_id", id)).first()).map(CrossCheck::from));
    }

    /**
     * What the stored result for a pact content and provider version proves (see {@link CrossCheckEvidence}); empty
     * when no check was made. Reads the provider version's document record for its self-verification, and the
     * provider's policy only when that document has none.
     */
    public Mono<CrossCheckEvidence> evidence(String pactSha, String providerVersion) {
        return find(pactSha, providerVersion)
                .flatMap(this::withCoverage)
                .flatMap(this::judge);
    }

    /** Results stored before coverage was recorded get it from their pact (parsed once, then kept). */
    private Mono<CrossCheck> withCoverage(CrossCheck check) {
        if (check.coverage() != null) {
            return Mono.just(check);
        }
        return pact(check.sha())
                .map(parsed -> check.withCoverage(Coverage.of(parsed)));
    }

    private Mono<CrossCheckEvidence> judge(CrossCheck check) {
        return contracts.find(check.provider(), check.providerVersion())
                .map(contract -> Optional.ofNullable(contract.selfVerified()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(self -> selfRequired(check.provider(), self.isPresent())
                        .map(required -> CrossCheckEvidence.judge(check, check.coverage(), self.orElse(null), required)));
    }

    private Mono<Boolean> selfRequired(String provider, boolean selfVerified) {
        if (selfVerified) {
            return Mono.just(false);
        }
        return policies.of(provider)
                .map(Policy::requiresSelfVerification);
    }

    /**
     * The stored result, else the pact checked against the stored document now (and the result stored unless
     * {@code store} is false: pre-merge checks write nothing).
     */
    Mono<CrossCheck> check(LoadedDocument document, String pactSha, String reportId, boolean store) {
        return find(pactSha, document.version())
                .switchIfEmpty(Mono.defer(() -> pact(pactSha)
                        .flatMap(pact -> compute(document, pactSha, pact, reportId))
                        .flatMap(result -> store ? store(result) : Mono.just(result))));
    }

    /** The pact checked against a document that is not stored (a pre-merge candidate): nothing is written. */
    Mono<CrossCheck> checkUnstored(LoadedDocument candidate, String pactSha) {
        return pact(pactSha).flatMap(pact -> compute(candidate, pactSha, pact, null));
    }

    private Mono<CrossCheck> compute(LoadedDocument document, String pactSha, Pact pact, String reportId) {
        return onScheduler(() -> {
            List<Failure> failures = PactFailures.check(document.checker(), pact);
            return new CrossCheck(pactSha, pact.consumer(), pact.provider(), document.version(), document.sha(),
                    failures.isEmpty(), failures, reportId, clock.instant(), Coverage.of(pact));
        });
    }

    private Mono<CrossCheck> store(CrossCheck result) {
        String id = CrossCheck.id(result.sha(), result.providerVersion());
        return cache.writing(id, Mono.from(results.insertOne(result.toDocument())))
                .thenReturn(result)
                .onErrorResume(MongoErrors::isDuplicateKey, e -> find(result.sha(), result.providerVersion()));
    }

    /** The parsed pact of a content hash (kept: contents never change). */
    Mono<Pact> pact(String sha) {
        Pact cached;
        synchronized (parsedPacts) {
            cached = parsedPacts.get(sha);
        }
        if (cached != null) {
            return Mono.just(cached);
        }
        return pacts.contentTree(sha)
                .flatMap(tree -> engine.run(() -> Pacts.parse(tree)))
                .doOnNext(parsed -> {
                    synchronized (parsedPacts) {
                        parsedPacts.put(sha, parsed);
                    }
                });
    }

    StoredDocuments documents() {
        return documents;
    }

    /** CPU-heavy work (diffs, checks) on the engine gateway's bounded pool. */
    <T> Mono<T> onScheduler(java.util.concurrent.Callable<T> work) {
        return engine.run(work);
    }
}
