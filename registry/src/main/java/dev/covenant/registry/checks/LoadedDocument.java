package dev.covenant.registry.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.check.CheckOptions;
import dev.covenant.contract.check.PactChecker;

/**
 * A document ready for checks: its tree, and (made on first use, then kept) the pact checker that compiled its
 * operations and schemas.
 *
 * @param application null for a candidate that is not stored (pre-merge checks)
 * @param version     null for a candidate
 */
record LoadedDocument(String application, String version, String sha, JsonNode tree, long weight, Holder holder) {

    static LoadedDocument of(String application, String version, String sha, JsonNode tree, long weight) {
        return new LoadedDocument(application, version, sha, tree, weight, new Holder());
    }

    /** The checker for this document; building it compiles schemas, so it happens once per loaded document. */
    PactChecker checker() {
        return holder.get(tree);
    }

    /** Keeps the lazily built checker with the record. */
    static final class Holder {

        private PactChecker checker;

        synchronized PactChecker get(JsonNode tree) {
            if (checker == null) {
                checker = PactChecker.forDocument(tree, CheckOptions.defaults());
            }
            return checker;
        }
    }
}
