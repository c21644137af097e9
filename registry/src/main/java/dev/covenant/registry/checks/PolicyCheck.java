package dev.covenant.registry.checks;

import dev.covenant.contract.diff.DiffSettings;
import dev.covenant.registry.specs.ProviderContract;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Judges a document against its application's policy: against the document it replaces, or, for a transitive
 * level, against every earlier document on that document's branch. The one place publish guards and stored
 * reports get their violations from.
 */
@Component
class PolicyCheck {

    private final Dependents dependents;
    private final CrossChecks crossChecks;
    private final ChecksProperties properties;

    PolicyCheck(Dependents dependents, CrossChecks crossChecks, ChecksProperties properties) {
        this.dependents = dependents;
        this.crossChecks = crossChecks;
        this.properties = properties;
    }

    /** The violations of the candidate; empty when there is no base or the level is NONE. */
    Mono<List<PolicyViolation>> violations(Policy policy, ProviderContract base, LoadedDocument candidate,
            DiffSettings settings) {
        if (base == null || policy.level() == Policy.Level.NONE) {
            return Mono.just(List.of());
        }
        return earlier(policy, base)
                .flatMap(documents -> crossChecks.onScheduler(() -> Policies.violations(policy, documents,
                        candidate, settings)));
    }

    private Mono<List<LoadedDocument>> earlier(Policy policy, ProviderContract base) {
        Flux<ProviderContract> contracts = policy.level().transitive()
                ? dependents.lineage(base, properties.maxTransitiveVersions())
                : Flux.just(base);
        return contracts
                .concatMap(crossChecks.documents()::load)
                .collectList();
    }
}
