package dev.covenant.registry.checks;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * What an application's agreed proposals cover: the latest agreed document and the fingerprints of every change
 * agreed for it. Declared here, implemented by the proposals feature, so checks never import it.
 */
public interface AgreedContracts {

    /** The application's agreement, or empty when nothing was ever agreed for it. */
    Mono<Agreed> agreed(String application);

    /**
     * @param sha256       content address of the latest agreed document's normalized JSON (in the content store)
     * @param fingerprints every finding fingerprint agreed in any of the application's agreed proposals
     * @param teams        the teams that agreed the latest proposal
     */
    record Agreed(String proposalId, int revision, String sha256, Instant agreedAt, Set<String> fingerprints,
            List<String> teams) {
    }
}
