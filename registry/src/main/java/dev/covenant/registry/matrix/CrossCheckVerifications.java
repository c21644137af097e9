package dev.covenant.registry.matrix;

import dev.covenant.registry.checks.CrossCheck;
import dev.covenant.registry.checks.CrossCheckEvidence;
import dev.covenant.registry.pacticipants.Version;
import dev.covenant.registry.pacts.PactPublication;
import dev.covenant.registry.verifications.Verification;
import java.util.List;
import java.util.Map;

/** A cross-contract check result shown in the matrix as the verification it stands in for. */
final class CrossCheckVerifications {

    static final String IMPLEMENTATION = "Covenant cross-contract check";

    private CrossCheckVerifications() {
    }

    /** The verification a counting result stands in for: successful only when the evidence is (not the comparison alone). */
    static Verification asVerification(CrossCheckEvidence evidence, PactPublication pact, Version providerVersion) {
        CrossCheck check = evidence.check();
        return new Verification("cross-check:" + check.sha() + "|" + check.providerVersion(), 0, pact.provider(),
                pact.consumer(), check.sha(), providerVersion.number(), providerVersion.order(),
                providerVersion.branches(), evidence.success(), null, Map.of("implementation", IMPLEMENTATION),
                List.of(), Map.of("reportId", String.valueOf(check.reportId())), check.checkedAt());
    }

    static boolean is(Verification verification) {
        return verification != null && verification.verifiedBy() != null
                && IMPLEMENTATION.equals(verification.verifiedBy().get("implementation"));
    }

    static String reportId(Verification verification) {
        return String.valueOf(verification.context().get("reportId"));
    }
}
