package dev.covenant.registry.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.registry.specs.ProviderContract;
import dev.covenant.registry.specs.ProviderContracts;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Parsed documents (and their compiled pact checkers) by content hash, least recently used first out, bounded by
 * the size of their normalized JSON: one publish checks many pacts against the same few documents, and reading
 * an 11 MB document again for each is what this avoids.
 */
final class DocumentCache {

    /** Stored documents were validated on publish; these limits only keep the reader from refusing them. */
    private static final DocumentLimits STORED = new DocumentLimits(Long.MAX_VALUE / 2, 1024, 0);

    private final ProviderContracts contracts;
    private final Scheduler scheduler;
    private final long maxBytes;
    private final Map<String, LoadedDocument> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    DocumentCache(ProviderContracts contracts, Scheduler scheduler, long maxBytes) {
        this.contracts = contracts;
        this.scheduler = scheduler;
        this.maxBytes = maxBytes;
    }

    /** The stored document of a contract, parsed off the event loop (or from the cache). */
    Mono<LoadedDocument> load(ProviderContract contract) {
        return Mono.defer(() -> {
            LoadedDocument cached = cached(contract.sha256());
            if (cached != null) {
                return Mono.just(rebind(cached, contract));
            }
            return contracts.normalized(contract)
                    .publishOn(scheduler)
                    .map(json -> LoadedDocument.of(contract.application(), contract.version(), contract.sha256(),
                            read(json), json.length))
                    .doOnNext(this::keep);
        });
    }

    private static JsonNode read(byte[] json) {
        return OpenApiDocuments.readTree(json, STORED);
    }

    /** The same content published under another version shares the tree and checker. */
    private static LoadedDocument rebind(LoadedDocument cached, ProviderContract contract) {
        return new LoadedDocument(contract.application(), contract.version(), cached.sha(), cached.tree(),
                cached.weight(), cached.holder());
    }

    private synchronized LoadedDocument cached(String sha) {
        return entries.get(sha);
    }

    private synchronized void keep(LoadedDocument document) {
        if (document.weight() > maxBytes || entries.containsKey(document.sha())) {
            return;
        }
        entries.put(document.sha(), document);
        bytes += document.weight();
        Iterator<LoadedDocument> eldest = entries.values().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().weight();
            eldest.remove();
        }
    }
}
