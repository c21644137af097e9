package dev.covenant.registry.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.check.CheckOptions;
import dev.covenant.contract.check.PactChecker;
import dev.covenant.contract.stub.StubEngine;

/**
 * A stored document read once: its tree (treat as read-only), and, built on first use and then kept with it, the
 * pact checker and the stub engine that compile its operations and schemas. Call {@link #checker()} and
 * {@link #stub()} from engine work ({@link EngineGateway#run}), since building them is CPU work.
 */
public final class CompiledDocument {

    private final String sha;
    private final JsonNode tree;
    private final long weight;
    private PactChecker checker;
    private StubEngine stub;

    CompiledDocument(String sha, JsonNode tree, long weight) {
        this.sha = sha;
        this.tree = tree;
        this.weight = weight;
    }

    /** The content hash the document is stored (and cached) under. */
    public String sha() {
        return sha;
    }

    /** The document's tree. */
    public JsonNode tree() {
        return tree;
    }

    /** Bytes of its normalized JSON: what it weighs in the cache. */
    public long weight() {
        return weight;
    }

    /** The pact checker of this document, compiled once. */
    public synchronized PactChecker checker() {
        if (checker == null) {
            checker = PactChecker.forDocument(tree, CheckOptions.defaults());
        }
        return checker;
    }

    /** The stub engine of this document, built once. */
    public synchronized StubEngine stub() {
        if (stub == null) {
            stub = StubEngine.forDocument(tree);
        }
        return stub;
    }
}
