package dev.covenant.registry.stubs;

import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.stub.StubEngine;
import dev.covenant.registry.checks.AgreedContracts;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.proposals.ProposedDocuments;
import dev.covenant.registry.specs.ProviderContract;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.storage.ContentStore;
import dev.covenant.registry.system.NotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The stub engine for an application's document chosen by a ref: a version number, {@code latest} (the main
 * branch, else the latest overall), {@code agreed} (the latest agreed proposal's document) or {@code proposal-{id}}
 * (that proposal's current revision). Engines are kept by
 * content hash, a few at a time, as building one parses the document.
 */
@Service
class StubDocuments {

    /** Stored documents were validated on publish; these limits only keep the reader from refusing them. */
    private static final DocumentLimits STORED = new DocumentLimits(Long.MAX_VALUE / 2, 1024, 0);
    private static final int MAX_ENGINES = 16;
    private static final String PROPOSAL = "proposal-";

    private final ProviderContracts contracts;
    private final Pacticipants pacticipants;
    private final ContentStore contents;
    private final ObjectProvider<AgreedContracts> agreed;
    private final ProposedDocuments proposals;
    private final Scheduler scheduler = Schedulers.boundedElastic();
    private final Map<String, StubEngine> engines = new LinkedHashMap<>(16, 0.75f, true);

    StubDocuments(ProviderContracts contracts, Pacticipants pacticipants, ContentStore contents,
                  ObjectProvider<AgreedContracts> agreed, ProposedDocuments proposals) {
        this.contracts = contracts;
        this.pacticipants = pacticipants;
        this.contents = contents;
        this.agreed = agreed;
        this.proposals = proposals;
    }

    /** The engine for {@code application} at {@code ref}; 404 when the ref names no document. */
    Mono<StubEngine> engine(String application, String ref) {
        return sha(application, ref)
                .flatMap(this::engine);
    }

    /** The normalized JSON of the document {@code ref} selects (what the CLI's local stub serves). */
    Mono<byte[]> normalized(String application, String ref) {
        return sha(application, ref)
                .flatMap(sha -> contents.get(sha)
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                                "content " + sha + " is missing from storage"))));
    }

    /** Runs CPU work (validation, generation) off the event loop. */
    <T> Mono<T> offLoop(java.util.concurrent.Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(scheduler);
    }

    private Mono<String> sha(String application, String ref) {
        if (ref.equals("latest")) {
            return pacticipants.requireApplication(application)
                    .flatMap(app -> contracts.latest(application, app.mainBranch(), null)
                            .onErrorResume(NotFoundException.class, e -> contracts.latest(application, null, null)))
                    .map(ProviderContract::sha256);
        }
        if (ref.equals("agreed")) {
            AgreedContracts source = agreed.getIfAvailable();
            Mono<AgreedContracts.Agreed> agreement = source == null ? Mono.empty() : source.agreed(application);
            return agreement
                    .map(AgreedContracts.Agreed::sha256)
                    .switchIfEmpty(Mono.error(() -> new NotFoundException(
                            "Nothing was agreed for application '" + application + "'")));
        }
        if (ref.startsWith(PROPOSAL)) {
            String id = ref.substring(PROPOSAL.length());
            return proposals.current(application, id)
                    .map(ProposedDocuments.Proposed::sha256)
                    .switchIfEmpty(Mono.error(() -> new NotFoundException(
                            "No proposal '" + id + "' for application '" + application + "'")));
        }
        return contracts.require(application, ref)
                .map(ProviderContract::sha256);
    }

    private Mono<StubEngine> engine(String sha) {
        StubEngine cached = cached(sha);
        if (cached != null) {
            return Mono.just(cached);
        }
        return contents.get(sha)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("content " + sha + " is missing from storage")))
                .publishOn(scheduler)
                .map(json -> StubEngine.forDocument(OpenApiDocuments.readTree(json, STORED)))
                .doOnNext(engine -> keep(sha, engine));
    }

    private synchronized StubEngine cached(String sha) {
        return engines.get(sha);
    }

    private synchronized void keep(String sha, StubEngine engine) {
        engines.put(sha, engine);
        while (engines.size() > MAX_ENGINES) {
            engines.remove(engines.keySet().iterator().next());
        }
    }
}
