package dev.covenant.registry.forverification;

import java.time.Instant;
import java.util.List;

/**
 * A validated for-verification request.
 *
 * @param selectors            empty means the defaults (main branch or latest, deployed, released)
 * @param includeWipPactsSince null unless WIP pacts are wanted
 */
record ForVerificationRequest(List<Selector> selectors, boolean includePendingStatus, String providerBranch,
        List<String> providerTags, Instant includeWipPactsSince) {
}
