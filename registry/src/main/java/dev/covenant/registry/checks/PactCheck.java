package dev.covenant.registry.checks;

import java.util.List;

/**
 * A report's cross-contract check of one consumer pact against one provider document.
 *
 * @param failureCount     every failure, of which {@code failures} lists at most {@link Failure#MAX_LISTED}
 * @param coverage         what the check covered; null in reports stored before it was recorded
 * @param consumerVersions the consumer versions that carry the pact (reports of a document); null in a pact's
 *                         report, which is about one consumer version
 * @param selfVerification the provider's own verification of the document ({@code passed}, {@code failed},
 *                         {@code none}); null for a pre-merge candidate and in reports stored before it was recorded
 */
public record PactCheck(String consumer, String consumerVersion, String provider, String providerVersion,
        String pactSha, boolean success, int failureCount, List<Failure> failures, Counted coverage,
        List<String> consumerVersions, List<String> reasons, String selfVerification) {

    /**
     * What the check covered.
     *
     * @param notCountedBecause why the check does not stand in for a verification; null when it does
     */
    public record Counted(int interactionsChecked, boolean countsAsVerification, String notCountedBecause) {

        static Counted of(Coverage coverage) {
            return coverage == null ? null
                    : new Counted(coverage.http(), coverage.complete(), coverage.complete() ? null : coverage.reason());
        }
    }
}
