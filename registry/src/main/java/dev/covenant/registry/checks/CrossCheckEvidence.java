package dev.covenant.registry.checks;

import dev.covenant.registry.specs.ProviderContract.SelfVerification;

/**
 * What a cross-contract check result proves about a pact and a provider version, when no real verification
 * exists: it stands in for a successful or a failed verification, or it proves nothing and a real verification is
 * needed. One place decides this, for the matrix, can-i-deploy, reports and the UI alike.
 */
public sealed interface CrossCheckEvidence {

    /** The stored check result this judges. */
    CrossCheck check();

    /**
     * The reason a person reads: why it failed, why it does not count, or (for a success) what it rests on; null
     * for a success with nothing to add.
     */
    String reason();

    /** What it counts as, with the reason, in one sentence for pages ("Does not count as a verification: …"). */
    String verdict();

    /** Counts as a successful verification. */
    record Verified(CrossCheck check, String reason) implements CrossCheckEvidence {

        @Override
        public String verdict() {
            return reason == null ? "Counts as a successful verification"
                    : "Counts as a successful verification, but " + reason;
        }
    }

    /** Counts as a failed verification. */
    record Failed(CrossCheck check, String reason) implements CrossCheckEvidence {

        @Override
        public String verdict() {
            return "Counts as a failed verification: " + reason;
        }
    }

    /** Counts as no verification at all: the pair stays unverified until the provider verifies the pact. */
    record NotCounted(CrossCheck check, String reason) implements CrossCheckEvidence {

        @Override
        public String verdict() {
            return "Does not count as a verification: " + reason;
        }
    }

    /** Reason given for a success resting on a document nobody tested against the implementation. */
    String WITHOUT_SELF_VERIFICATION = "the provider's OpenAPI document was published without a self-verification"
            + " (nothing showed that the provider implements it)";

    /**
     * Judges a check: a failed self-verification or a failed comparison fails it (PactFlow's rule: the comparison
     * and the provider's own verification of the document must both succeed); interactions it could not check, or
     * a missing self-verification the provider's policy requires, make it count for nothing.
     *
     * @param coverage      what the check could judge of the pact
     * @param self          the self-verification published with the document, or null when none was
     * @param selfRequired  the provider's policy requires a self-verification
     */
    static CrossCheckEvidence judge(CrossCheck check, Coverage coverage, SelfVerification self, boolean selfRequired) {
        if (self != null && !self.success()) {
            return new Failed(check, "the provider's self-verification of its OpenAPI document"
                    + (self.verifier() == null ? "" : " (by " + self.verifier() + ")")
                    + " failed, so the document does not show what " + check.provider() + " " + check.providerVersion()
                    + " implements");
        }
        if (!check.success()) {
            return new Failed(check, check.failures().size() + " interaction failure(s) against the OpenAPI document of "
                    + check.provider() + " " + check.providerVersion());
        }
        if (!coverage.complete()) {
            return new NotCounted(check, coverage.reason());
        }
        if (self == null && selfRequired) {
            return new NotCounted(check, "the policy of " + check.provider() + " requires a self-verification and its"
                    + " OpenAPI document for version " + check.providerVersion() + " was published without one");
        }
        return new Verified(check, self == null ? WITHOUT_SELF_VERIFICATION : null);
    }

    /** The check stands in for a verification (successful or failed). */
    default boolean counts() {
        return !(this instanceof NotCounted);
    }

    /** The check stands in for a successful verification. */
    default boolean success() {
        return this instanceof Verified;
    }
}
