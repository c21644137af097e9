package dev.covenant.registry.verifications;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Records a verification through {@link VerificationService} in process (the same store writes, heads and
 * event as publishing verification results, without HTTP), for the bulk seeder of the history benchmark.
 */
public final class VerificationSeeding {

    private VerificationSeeding() {
    }

    public static Mono<Void> verify(VerificationService service, String provider, String consumer, String sha,
            String providerVersion, boolean success) {
        VerificationRequest request = new VerificationRequest(success, providerVersion, null, null, List.of(),
                providerVersion + "|" + success);
        return service.publish(provider, consumer, sha, request, Map.of()).then();
    }
}
