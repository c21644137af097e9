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
                .flatMap(groups -> {
                    List<PactPublication> newest = groups.stream().map(PactsForVerification::newest).toList();
                    return wipCandidates(provider, request, newest).collectList()
                            .flatMap(candidates -> pending(provider, request, newest, candidates)
                                    .map(pending -> verifiable(groups, newest, candidates, pending, request)));
                });
    }

    /** The pending status of the selected pacts (if asked for) and of the WIP candidates, read together. */
    private Mono<Map<String, Boolean>> pending(String provider, ForVerificationRequest request,
            List<PactPublication> newest, List<Selection> candidates) {
        List<PactPublication> publications = new ArrayList<>(request.includePendingStatus() ? newest : List.of());
        candidates.forEach(candidate -> publications.add(candidate.publication()));
        return verifications.pendingAll(provider, publications, request.providerBranch());
    }

    /** Each group as one pact showing its newest publication, then the WIP candidates that are pending. */
    private static List<VerifiablePact> verifiable(List<List<Selection>> groups, List<PactPublication> newest,
            List<Selection> candidates, Map<String, Boolean> pending, ForVerificationRequest request) {
        List<VerifiablePact> pacts = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            PactPublication shown = newest.get(i);
            pacts.add(new VerifiablePact(shown, groups.get(i),
                    request.includePendingStatus() ? pending.get(shown.sha()) : null, false));
        }
        candidates.stream()
                .filter(candidate -> pending.get(candidate.publication().sha()))
                .forEach(candidate -> pacts.add(new VerifiablePact(candidate.publication(), List.of(candidate), true, true)));
        return pacts;
    }

    private static PactPublication newest(List<Selection> group) {
        return group.stream().map(Selection::publication)
                .max(Comparator.comparingLong(PactPublication::order)).orElseThrow();
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

    /**
     * Work-in-progress candidates: the latest pact of every consumer branch published since the given date and not
     * already selected; those not yet verified successfully by this provider branch (pending) are WIP pacts.
     */
    private Flux<Selection> wipCandidates(String provider, ForVerificationRequest request, List<PactPublication> selected) {
        if (request.includeWipPactsSince() == null || (request.providerBranch() == null && request.providerTags().isEmpty())) {
            return Flux.empty();
        }
        Set<String> chosen = new java.util.HashSet<>();
        selected.forEach(publication -> chosen.add(publication.consumer() + "|" + publication.sha()));
        return pacts.consumersOf(provider)
                .concatMap(consumer -> branchHeads(provider, consumer))
                .filter(selection -> !selection.publication().createdAt().isBefore(request.includeWipPactsSince()))
                .filter(selection -> chosen.add(selection.publication().consumer() + "|" + selection.publication().sha()));
    }

    /** The latest pact on each of the consumer's branches, by branch name (one document, PactService.branchHeads). */
    private Flux<Selection> branchHeads(String provider, String consumer) {
        return pacts.branchHeads(provider, consumer)
                .flatMapIterable(Map::entrySet)
                .map(head -> new Selection(new Selector(Kind.BRANCH, null, head.getKey(), null, null, null, null),
                        head.getValue(), null, false, head.getKey()));
    }
}
