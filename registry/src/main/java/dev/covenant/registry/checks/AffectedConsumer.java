package dev.covenant.registry.checks;

import java.util.List;

/**
 * A consumer a change breaks, as its report names it.
 *
 * @param team         the consumer's team, null when it has none
 * @param failureCount every failure the change introduced, of which {@code failures} lists at most
 *                     {@link Failure#MAX_LISTED}
 */
public record AffectedConsumer(String consumer, String team, List<String> consumerVersions, int failureCount,
        List<Failure> failures) {
}
