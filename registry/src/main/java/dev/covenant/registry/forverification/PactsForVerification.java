package dev.covenant.registry.forverification;

import dev.covenant.registry.environments.Environments;
import dev.covenant.registry.forverification.Selector.Kind;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacts.PactPublication;
import dev.covenant.registry.pacts.PactService;
import dev.covenant.registry.verifications.VerificationService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Chooses the pacts a provider build must verify: every selector resolved, de-duplicated by content with their
 * selectors merged, pending status per provider branch, and work-in-progress pacts when asked for.
 */
@Service
class PactsForVerification {

    /** Without selectors: the latest from each consumer's main branch (else the latest), plus what is deployed or released. */
    static final List<Selector> DEFAULTS = List.of(Selector.of(Kind.MAIN_BRANCH), Selector.of(Kind.DEPLOYED_OR_RELEASED));

    private final SelectorResolver resolver;
    private final PactService pacts;
    private final VerificationService verifications;

    PactsForVerification(PactService pacts, Pacticipants pacticipants, Environments environments,
            VerificationService verifications) {
        this.resolver = new SelectorResolver(pacts, pacticipants, environments);
        this.pacts = pacts;
        this.verifications = verifications;
    }

    Mono<List<VerifiablePact>> find(String provider, ForVerificationRequest request) {
        return selections(provider, request)
                .collectList()
                .map(PactsForVerification::groupByContent)
                .flatMap(groups -> withPending(provider, groups, request))
                .flatMap(selected -> wip(provider, request, selected)
                        .collectList()
                        .map(wip -> {
                            List<VerifiablePact> all = new ArrayList<>(selected);
                            all.addAll(wip);
                            return all;
                        }));
    }

    private Flux<Selection> selections(String provider, ForVerificationRequest request) {
        if (!request.selectors().isEmpty()) {
            return Flux.fromIterable(request.selectors())
                    .concatMap(selector -> resolver.resolve(provider, selector, request.providerBranch()));
        }
        Flux<Selection> mainOrLatest = pacts.consumersOf(provider)
                .concatMap(consumer -> resolver.resolve(provider, withConsumer(Kind.MAIN_BRANCH, consumer), null)
                        .switchIfEmpty(resolver.resolve(provider, withConsumer(Kind.LATEST, consumer), null)));
        return Flux.concat(mainOrLatest, resolver.resolve(provider, Selector.of(Kind.DEPLOYED_OR_RELEASED), null));
    }

    private static Selector withConsumer(Kind kind, String consumer) {
        return new Selector(kind, consumer, null, null, null, null, null);
    }

    /** One entry per (consumer, content), in first-selected order, showing the newest consumer version. */
    private static List<List<Selection>> groupByContent(List<Selection> selections) {
        Map<String, List<Selection>> groups = new LinkedHashMap<>();
        for (Selection selection : selections) {
            String key = selection.publication().consumer() + "|" + selection.publication().sha();
            List<Selection> group = groups.computeIfAbsent(key, k -> new ArrayList<>());
            if (group.stream().noneMatch(existing -> existing.selector().equals(selection.selector())
                    && existing.publication().consumerVersion().equals(selection.publication().consumerVersion())
                    && java.util.Objects.equals(existing.environment(), selection.environment()))) {
                group.add(selection);
            }
        }
        return new ArrayList<>(groups.values());
    }

    /** Each group as one pact, its newest publication shown, with the pending status of all read together. */
    private Mono<List<VerifiablePact>> withPending(String provider, List<List<Selection>> groups,
            ForVerificationRequest request) {
        List<PactPublication> newest = groups.stream().map(group -> group.stream().map(Selection::publication)
                .max(Comparator.comparingLong(PactPublication::order)).orElseThrow()).toList();
        Mono<Map<String, Boolean>> pending = request.includePendingStatus()
                ? verifications.pendingAll(provider, newest, request.providerBranch())
                : Mono.just(Map.of());
        return pending.map(bySha -> {
            List<VerifiablePact> pacts = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                pacts.add(new VerifiablePact(newest.get(i), groups.get(i), bySha.get(newest.get(i).sha()), false));
            }
            return pacts;
        });
    }

    /**
     * Work-in-progress pacts: the latest pact of every consumer branch published since the given date, not yet
     * verified successfully by this provider branch and not already selected.
     */
    private Flux<VerifiablePact> wip(String provider, ForVerificationRequest request, List<VerifiablePact> selected) {
        if (request.includeWipPactsSince() == null || (request.providerBranch() == null && request.providerTags().isEmpty())) {
            return Flux.empty();
        }
        Set<String> chosen = new java.util.HashSet<>();
        selected.forEach(pact -> chosen.add(pact.publication().consumer() + "|" + pact.publication().sha()));
        return pacts.consumersOf(provider)
                .concatMap(consumer -> branchHeads(provider, consumer))
                .filter(selection -> !selection.publication().createdAt().isBefore(request.includeWipPactsSince()))
                .filter(selection -> chosen.add(selection.publication().consumer() + "|" + selection.publication().sha()))
                .collectList()
                .flatMapMany(candidates -> verifications.pendingAll(provider, publications(candidates),
                                request.providerBranch())
                        .flatMapIterable(pending -> candidates.stream()
                                .filter(candidate -> pending.get(candidate.publication().sha()))
                                .toList()))
                .map(selection -> new VerifiablePact(selection.publication(), List.of(selection), true, true));
    }

    /** The latest pact on each of the consumer's branches, by branch name (one document, PactService.branchHeads). */
    private Flux<Selection> branchHeads(String provider, String consumer) {
        return pacts.branchHeads(provider, consumer)
                .flatMapIterable(Map::entrySet)
                .map(head -> new Selection(new Selector(Kind.BRANCH, null, head.getKey(), null, null, null, null),
                        head.getValue(), null, false, head.getKey()));
    }

    private static List<PactPublication> publications(List<Selection> selections) {
        return selections.stream().map(Selection::publication).toList();
    }
}
