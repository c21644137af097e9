package dev.covenant.registry.forverification;

import dev.covenant.registry.environments.Deployment;
import dev.covenant.registry.environments.EnvironmentVersion;
import dev.covenant.registry.environments.Environments;
import dev.covenant.registry.environments.Release;
import dev.covenant.registry.pacticipants.Application;
import dev.covenant.registry.pacticipants.Branch;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacts.PactService;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Turns one selector into the pacts it picks for a provider, through head documents and point lookups. */
final class SelectorResolver {

    private final PactService pacts;
    private final Pacticipants pacticipants;
    private final Environments environments;

    SelectorResolver(PactService pacts, Pacticipants pacticipants, Environments environments) {
        this.pacts = pacts;
        this.pacticipants = pacticipants;
        this.environments = environments;
    }

    Flux<Selection> resolve(String provider, Selector selector, String providerBranch) {
        Flux<String> consumers = selector.consumer() != null
                ? pacts.consumersOf(provider).filter(selector.consumer()::equals)
                : pacts.consumersOf(provider);
        return consumers.concatMap(consumer -> forConsumer(provider, consumer, selector, providerBranch));
    }

    private Flux<Selection> forConsumer(String provider, String consumer, Selector selector, String providerBranch) {
        return switch (selector.kind()) {
            case LATEST -> head(provider, consumer, "latest", selector, false, null).flux();
            case MAIN_BRANCH -> pacticipants.application(consumer)
                    .mapNotNull(Application::mainBranch)
                    .flatMap(main -> onBranch(provider, consumer, main, selector, false))
                    .flux();
            case BRANCH -> onBranch(provider, consumer, selector.branch(), selector, false)
                    .switchIfEmpty(Mono.justOrEmpty(selector.fallbackBranch())
                            .flatMap(fallback -> onBranch(provider, consumer, fallback, selector, true)))
                    .flux();
            case ALL_BRANCHES -> pacticipants.branches(consumer)
                    .map(Branch::name)
                    .concatMap(branch -> onBranch(provider, consumer, branch, selector, false));
            case MATCHING_BRANCH -> onBranch(provider, consumer, providerBranch, selector, false).flux();
            case LATEST_TAG -> head(provider, consumer, "tag:" + selector.tag(), selector, false, null)
                    .switchIfEmpty(Mono.justOrEmpty(selector.fallbackTag())
                            .flatMap(fallback -> head(provider, consumer, "tag:" + fallback, selector, true, null)))
                    .flux();
            case TAG -> pacts.history(provider, consumer)
                    .filterWhen(publication -> pacticipants.version(consumer, publication.consumerVersion())
                            .map(version -> version.tags().contains(selector.tag()))
                            .defaultIfEmpty(false))
                    .map(publication -> new Selection(selector, publication, null, false, null));
            case DEPLOYED, RELEASED, DEPLOYED_OR_RELEASED -> environments.deployedOrReleased(consumer)
                    .filter(inEnvironment -> matches(selector, inEnvironment))
                    .concatMap(inEnvironment -> pacts.publication(provider, consumer, inEnvironment.version())
                            .map(publication -> new Selection(selector, publication, inEnvironment.environmentName(), false, null)));
        };
    }

    private static boolean matches(Selector selector, EnvironmentVersion inEnvironment) {
        boolean kind = switch (selector.kind()) {
            case DEPLOYED -> inEnvironment instanceof Deployment;
            case RELEASED -> inEnvironment instanceof Release;
            default -> true;
        };
        return kind && (selector.environment() == null || selector.environment().equals(inEnvironment.environmentName()));
    }

    private Mono<Selection> onBranch(String provider, String consumer, String branch, Selector selector, boolean fallback) {
        return head(provider, consumer, "branch:" + branch, selector, fallback, branch);
    }

    private Mono<Selection> head(String provider, String consumer, String key, Selector selector, boolean fallback,
            String branch) {
        return pacts.latest(provider, consumer, key)
                .map(publication -> new Selection(selector, publication, null, fallback, branch));
    }
}
