package dev.covenant.registry.pacts;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Publishes a pact through {@link PactService} in process (the same validation, store writes, heads and event as
 * {@code POST /contracts/publish}, without HTTP), for the bulk seeder of the history benchmark.
 */
public final class PactSeeding {

    private PactSeeding() {
    }

    /** Publishes one pact for a consumer version; emits the content hash (the pact version). */
    public static Mono<String> publish(PactService service, String consumer, String version, String branch,
            List<String> tags, String provider, byte[] pactJson) {
        PactContent content = PactContent.parse(service.engine(), pactJson, "content");
        PublishContracts request = new PublishContracts(consumer, version, branch, tags, null,
                List.of(new ContractToPublish(consumer, provider, content, false)));
        return service.publish(request)
                .map(published -> published.get(0).publication().sha());
    }
}
