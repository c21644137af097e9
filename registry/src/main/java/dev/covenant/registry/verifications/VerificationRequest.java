package dev.covenant.registry.verifications;

import java.util.List;
import java.util.Map;

/**
 * A validated verification result as a provider's CI publishes it.
 *
 * @param fingerprint hash of the request body, so a retried identical POST is recognised
 */
record VerificationRequest(boolean success, String providerVersion, String buildUrl, Map<String, Object> verifiedBy,
        List<Object> testResults, String fingerprint) {
}
