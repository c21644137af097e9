package dev.covenant.registry.stubs;

import dev.covenant.contract.stub.StubEngine;
import dev.covenant.registry.checks.AgreedContracts;
import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.proposals.ProposedDocuments;
import dev.covenant.registry.specs.ProviderContract;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.storage.ContentStore;
import dev.covenant.registry.system.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The stub engine for an application's document chosen by a ref: a version number, {@code latest} (the main
 * branch, else the latest overall), {@code agreed} (the latest agreed proposal's document) or {@code proposal-{id}}
 * (that proposal's current revision). Engines are kept with the parsed document in the engine gateway's cache by
 * content hash, as building one parses the document.
 */
@Service
class StubDocuments {

    private static final String PROPOSAL = "proposal-";

    private final ProviderContracts contracts;
    private final Pacticipants pacticipants;
    private final ContentStore contents;
    private final ObjectProvider<AgreedContracts> agreed;
    private final ProposedDocuments proposals;
    private final EngineGateway engine;

    StubDocuments(ProviderContracts contracts, Pacticipants pacticipants, ContentStore contents,
                  ObjectProvider<AgreedContracts> agreed, ProposedDocuments proposals, EngineGateway engine) {
        this.engine = engine;
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
        return engine.run(work);
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
        Mono<byte[]> json = contents.get(sha)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("content " + sha + " is missing from storage")));
        return engine.stored(sha, json)
                .flatMap(document -> engine.run(document::stub));
    }
}
