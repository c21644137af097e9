package dev.covenant.registry.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.check.PactChecker;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.registry.engine.CompiledDocument;
import dev.covenant.registry.engine.EngineGateway;

/**
 * A document ready for checks, with the version it was stored under: its tree and (compiled on first use, shared
 * by every version with the same content) its pact checker, both from the engine gateway's document cache.
 *
 * @param application null for a candidate that is not stored (pre-merge checks)
 * @param version     null for a candidate
 */
record LoadedDocument(String application, String version, CompiledDocument document) {

    /** A document that is not stored (a pre-merge candidate, a guarded publish). */
    static LoadedDocument candidate(EngineGateway engine, ParsedDocument document) {
        return new LoadedDocument(null, null, engine.candidate(document));
    }

    String sha() {
        return document.sha();
    }

    JsonNode tree() {
        return document.tree();
    }

    /** The checker for this document; building it compiles schemas, so call it from engine work. */
    PactChecker checker() {
        return document.checker();
    }
}
