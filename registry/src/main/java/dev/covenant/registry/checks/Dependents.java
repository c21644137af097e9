package dev.covenant.registry.checks;

import dev.covenant.registry.environments.Deployment;
import dev.covenant.registry.environments.EnvironmentVersion;
import dev.covenant.registry.environments.Environments;
import dev.covenant.registry.pacticipants.Application;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacts.PactPublication;
import dev.covenant.registry.pacts.PactService;
import dev.covenant.registry.specs.ProviderContract;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.system.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a change is checked against: the earlier documents of the provider (previous on the branch, latest on the
 * main branch, what each environment runs) and the pacts that matter to it (each consumer's latest on its main
 * branch, and what each environment runs). All head lookups and point reads, except the walk back through one
 * application's document history to find the previous one on a branch.
 */
@Component
class Dependents {

    /** A pact that matters, with the consumer versions that published it and why they matter. */
    record PactRef(String sha, String consumer, String provider, List<String> consumerVersions, List<String> reasons) {
    }

    /** An earlier document to compare with, and why. */
    record Base(ProviderContract contract, List<String> reasons) {
    }

    private final Pacticipants pacticipants;
    private final PactService pacts;
    private final ProviderContracts contracts;
    private final Environments environments;

    Dependents(Pacticipants pacticipants, PactService pacts, ProviderContracts contracts, Environments environments) {
        this.pacticipants = pacticipants;
        this.pacts = pacts;
        this.contracts = contracts;
        this.environments = environments;
    }

    /**
     * The document this one replaces: the one published before it on its branch, or (published without a
     * branch) the application's latest before it.
     */
    Mono<ProviderContract> previous(ProviderContract contract) {
        return contracts.history(contract.application())
                .filter(earlier -> earlier.order() < contract.order())
                .filter(earlier -> contract.branch() == null || contract.branch().equals(earlier.branch()))
                .next();
    }

    /**
     * The documents a transitive policy level judges against, oldest first: the given document and those published
     * before it on its branch (every earlier one when it has no branch), one per distinct content, at most
     * {@code max} of the newest.
     */
    Flux<ProviderContract> lineage(ProviderContract latest, int max) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return contracts.history(latest.application())
                .filter(earlier -> earlier.order() <= latest.order())
                .filter(earlier -> latest.branch() == null || latest.branch().equals(earlier.branch()))
                .filter(earlier -> seen.add(earlier.sha256()))
                .take(max)
                .collectList()
                .flatMapMany(Dependents::oldestFirst);
    }

    /**
     * What a new document on the branch would replace: the branch's latest (else, for a branch's first document,
     * the main branch's latest), or the application's latest when no branch is given.
     */
    Mono<ProviderContract> current(String application, String branch) {
        if (branch == null) {
            return latest(application, null);
        }
        return latest(application, branch)
                .switchIfEmpty(Mono.defer(() -> mainBranch(application).flatMap(main -> latest(application, main))));
    }

    /** What a candidate on the branch is compared with: the branch's latest, else the main branch's, else the latest. */
    Mono<ProviderContract> currentOrMain(String application, String branch) {
        Mono<ProviderContract> onBranch = branch == null ? Mono.empty() : latest(application, branch);
        return onBranch
                .switchIfEmpty(Mono.defer(() -> mainBranch(application).flatMap(main -> latest(application, main))))
                .switchIfEmpty(Mono.defer(() -> latest(application, null)));
    }

    /** Every earlier document worth a diff: previous on the branch, main branch latest, each environment's. */
    Flux<Base> bases(ProviderContract contract) {
        Map<String, Base> bases = new LinkedHashMap<>();
        Flux<Base> candidates = Flux.concat(
                previous(contract).map(found -> base(found, "previous on branch "
                        + (contract.branch() == null ? "(none)" : contract.branch()))),
                mainBranch(contract.application())
                        .flatMap(main -> latest(contract.application(), main)
                                .map(found -> base(found, "latest on main branch " + main))),
                environments.deployedOrReleased(contract.application())
                        .concatMap(running -> contracts.find(contract.application(), running.version())
                                .map(found -> base(found, where(running)))));
        return candidates
                .filter(base -> !base.contract().version().equals(contract.version()))
                .doOnNext(base -> bases.merge(base.contract().version(), base, Dependents::merge))
                .thenMany(Flux.defer(() -> Flux.fromIterable(bases.values())));
    }

    /** The pacts of every consumer of the provider that matter: main branch latest, and what environments run. */
    Flux<PactRef> consumerPacts(String provider) {
        Map<String, PactRef> bySha = new LinkedHashMap<>();
        return pacts.consumersOf(provider)
                .concatMap(consumer -> Flux.concat(
                        mainPact(provider, consumer),
                        environments.deployedOrReleased(consumer)
                                .concatMap(running -> pacts.publication(provider, consumer, running.version())
                                        .map(pact -> ref(pact, where(running))))))
                .doOnNext(ref -> bySha.merge(ref.sha(), ref, Dependents::merge))
                .thenMany(Flux.defer(() -> Flux.fromIterable(bySha.values())));
    }

    /** The provider's documents a new pact is checked against: main branch latest (else latest), and each environment's. */
    Flux<Base> providerDocuments(String provider) {
        Map<String, Base> byVersion = new LinkedHashMap<>();
        Mono<Base> main = mainBranch(provider)
                .flatMap(branch -> latest(provider, branch).map(found -> base(found, "latest on main branch " + branch)))
                .switchIfEmpty(Mono.defer(() -> latest(provider, null).map(found -> base(found, "latest"))));
        return Flux.concat(main, environments.deployedOrReleased(provider)
                        .concatMap(running -> contracts.find(provider, running.version())
                                .map(found -> base(found, where(running)))))
                .doOnNext(base -> byVersion.merge(base.contract().version(), base, Dependents::merge))
                .thenMany(Flux.defer(() -> Flux.fromIterable(byVersion.values())));
    }

    private Mono<PactRef> mainPact(String provider, String consumer) {
        return mainBranch(consumer)
                .flatMap(main -> pacts.latest(provider, consumer, "branch:" + main)
                        .map(pact -> ref(pact, "latest on main branch " + main)))
                .switchIfEmpty(Mono.defer(() -> pacts.latest(provider, consumer, "latest")
                        .map(pact -> ref(pact, "latest"))));
    }

    private Mono<String> mainBranch(String application) {
        return pacticipants.application(application).mapNotNull(Application::mainBranch);
    }

    private Mono<ProviderContract> latest(String application, String branch) {
        return contracts.latest(application, branch, null)
                .onErrorResume(NotFoundException.class, e -> Mono.empty());
    }

    private static Flux<ProviderContract> oldestFirst(List<ProviderContract> newestFirst) {
        List<ProviderContract> reversed = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(reversed);
        return Flux.fromIterable(reversed);
    }

    private static String where(EnvironmentVersion running) {
        return (running instanceof Deployment ? "deployed in " : "released in ") + running.environmentName();
    }

    private static Base base(ProviderContract contract, String reason) {
        return new Base(contract, List.of(reason));
    }

    private static PactRef ref(PactPublication pact, String reason) {
        return new PactRef(pact.sha(), pact.consumer(), pact.provider(), List.of(pact.consumerVersion()),
                List.of(reason));
    }

    private static Base merge(Base first, Base second) {
        return new Base(first.contract(), union(first.reasons(), second.reasons()));
    }

    private static PactRef merge(PactRef first, PactRef second) {
        return new PactRef(first.sha(), first.consumer(), first.provider(),
                union(first.consumerVersions(), second.consumerVersions()), union(first.reasons(), second.reasons()));
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(item -> !all.contains(item)).filter(Objects::nonNull).forEach(all::add);
        return List.copyOf(all);
    }
}
