package dev.covenant.registry.matrix;

import dev.covenant.registry.pacticipants.Version;
import dev.covenant.registry.pacts.PactPublication;
import dev.covenant.registry.verifications.Verification;

/**
 * One line of the matrix: a consumer version's pact with a provider, and the provider version's verification
 * of it.
 *
 * @param providerVersion    null when the target has no version of the provider
 * @param verification       null when that provider version has not verified the pact's content (or only a
 *                           cross-contract check that cannot count exists)
 * @param reason             what a cross-contract check standing in for the verification proves or misses
 *                           ("3 message interactions need a provider verification"), or null
 * @param providerDescription how the provider version was chosen, for reasons ("the version of X currently in prod")
 * @param ignored            the integration is listed but left out of the decision
 */
record MatrixRow(Version consumerVersion, Version providerVersion, String provider, PactPublication pact,
        Verification verification, String reason, String consumerDescription, String providerDescription,
        boolean ignored) {

    enum Status { SUCCESS, FAILED, UNKNOWN }

    Status status() {
        if (verification == null) {
            return Status.UNKNOWN;
        }
        return verification.success() ? Status.SUCCESS : Status.FAILED;
    }

    String consumer() {
        return consumerVersion.application();
    }
}
