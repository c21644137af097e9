package dev.covenant.registry.checks;

import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.registry.specs.ProviderContract;
import dev.covenant.registry.specs.ProviderContracts;
import reactor.core.publisher.Mono;

/**
 * Stored documents for checks, read through the engine gateway (its cache by content hash: one publish checks many
 * pacts against the same few documents, and reading an 11 MB document again for each is what it avoids).
 */
final class StoredDocuments {

    private final ProviderContracts contracts;
    private final EngineGateway engine;

    StoredDocuments(ProviderContracts contracts, EngineGateway engine) {
        this.contracts = contracts;
        this.engine = engine;
    }

    /** The stored document of a contract (the same content under another version shares tree and checker). */
    Mono<LoadedDocument> load(ProviderContract contract) {
        return engine.stored(contract.sha256(), contracts.normalized(contract))
                .map(document -> new LoadedDocument(contract.application(), contract.version(), document));
    }
}
