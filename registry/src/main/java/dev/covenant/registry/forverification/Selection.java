package dev.covenant.registry.forverification;

import dev.covenant.registry.pacts.PactPublication;

/**
 * A pact picked by a selector.
 *
 * @param environment  the environment a deployed/released selector found it in, or null
 * @param fallbackUsed the selector's fallback branch or tag picked it
 * @param branch       the consumer branch a branch-type selector found it on, or null
 */
record Selection(Selector selector, PactPublication publication, String environment, boolean fallbackUsed,
        String branch) {
}
