package dev.covenant.registry.checks;

import dev.covenant.contract.diff.DiffReport;
import dev.covenant.contract.diff.DiffSettings;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.contract.pact.Pact;
import dev.covenant.registry.checks.Assessment.Affected;
import dev.covenant.registry.checks.Assessment.Comparison;
import dev.covenant.registry.checks.Assessment.PactResult;
import dev.covenant.registry.checks.Dependents.Base;
import dev.covenant.registry.checks.Dependents.PactRef;
import dev.covenant.registry.teams.Teams;
import dev.covenant.registry.events.Audience;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Assesses a document against what depends on it: diffs against earlier documents, every relevant consumer pact
 * checked against it and against the document it replaces (so the consumers it breaks, and how, are known), and
 * the application's policy. Used for published documents (results stored) and pre-merge candidates (nothing
 * stored).
 */
@Service
class Checks {

    private final dev.covenant.registry.engine.EngineGateway engine;
    private final CrossChecks crossChecks;
    private final Dependents dependents;
    private final Policies policies;
    private final Teams teams;
    private final ChecksProperties properties;
    private final Agreements agreements;
    private final PolicyCheck policyCheck;
    private final DiffSettingsStore diffSettings;

    Checks(CrossChecks crossChecks, Dependents dependents, Policies policies, Teams teams, ChecksProperties properties,
            Agreements agreements, PolicyCheck policyCheck, DiffSettingsStore diffSettings, dev.covenant.registry.engine.EngineGateway engine) {
        this.engine = engine;
        this.agreements = agreements;
        this.policyCheck = policyCheck;
        this.diffSettings = diffSettings;
        this.crossChecks = crossChecks;
        this.dependents = dependents;
        this.policies = policies;
        this.teams = teams;
        this.properties = properties;
    }

    /**
     * @param base     the document the revision replaces (impact and policy are judged against it), or null
     * @param bases    every document to diff against (includes {@code base})
     * @param reportId the report the stored results belong to; null: store nothing
     */
    Mono<Assessment> assess(String application, LoadedDocument revision, Base base, List<Base> bases, String reportId) {
        Mono<Optional<LoadedDocument>> loadedBase = base == null ? Mono.just(Optional.empty())
                : crossChecks.documents().load(base.contract()).map(Optional::of);
        return Mono.zip(loadedBase, diffSettings.of(application))
                .flatMap(loaded -> assess(application, revision, base, bases, reportId, loaded.getT1(), loaded.getT2()));
    }

    private Mono<Assessment> assess(String application, LoadedDocument revision, Base base, List<Base> bases,
            String reportId, Optional<LoadedDocument> previous, DiffSettings settings) {
        return Mono.zip(comparisons(bases, revision, settings), policy(application, base, revision, settings))
                .flatMap(found -> {
                    DiffReport primary = primary(found.getT1(), base);
                    return pactResults(application, revision, previous, primary, reportId)
                            .flatMap(results -> affected(results)
                                    .flatMap(affected -> agreements.verdict(application, revision.version(),
                                                    found.getT2().policy(), primary, affected, revision)
                                            .map(agreement -> new Assessment(base, found.getT1(), results, affected,
                                                    found.getT2().policy(), found.getT2().violations(), agreement))));
                });
    }

    /** A pre-merge candidate, compared with the branch's latest (else the main branch's, else the latest). */
    Mono<Assessment> assessCandidate(String application, String branch, ParsedDocument candidate) {
        LoadedDocument revision = LoadedDocument.candidate(engine, candidate);
        return dependents.currentOrMain(application, branch)
                .map(contract -> Optional.of(new Base(contract, List.of(branch == null ? "latest"
                        : "latest on branch " + branch + " (or the main branch's latest)"))))
                .defaultIfEmpty(Optional.empty())
                .flatMap(base -> assess(application, revision, base.orElse(null),
                        base.map(List::of).orElse(List.of()), null));
    }

    private record PolicyVerdict(Policy policy, List<PolicyViolation> violations) {
    }

    private Mono<PolicyVerdict> policy(String application, Base base, LoadedDocument revision, DiffSettings settings) {
        return policies.of(application)
                .flatMap(policy -> policyCheck.violations(policy, base == null ? null : base.contract(), revision,
                                settings)
                        .map(violations -> new PolicyVerdict(policy, violations)));
    }

    private Mono<List<Comparison>> comparisons(List<Base> bases, LoadedDocument revision, DiffSettings settings) {
        return Flux.fromIterable(bases)
                .concatMap(base -> crossChecks.documents().load(base.contract())
                        .flatMap(loaded -> crossChecks.onScheduler(() -> settings.diff(loaded.tree(), revision.tree())))
                        .map(diff -> new Comparison(base, diff)))
                .collectList();
    }

    private static DiffReport primary(List<Comparison> comparisons, Base base) {
        if (base == null) {
            return null;
        }
        return comparisons.stream()
                .filter(comparison -> comparison.base().contract().version().equals(base.contract().version()))
                .map(Comparison::diff)
                .findFirst()
                .orElse(null);
    }

    private Mono<List<PactResult>> pactResults(String application, LoadedDocument revision,
            Optional<LoadedDocument> base, DiffReport diff, String reportId) {
        return dependents.consumerPacts(application)
                .take(properties.maxPacts())
                .concatMap(ref -> pactResult(ref, revision, base, diff, reportId))
                .collectList();
    }

    private Mono<PactResult> pactResult(PactRef ref, LoadedDocument revision, Optional<LoadedDocument> base,
            DiffReport diff, String reportId) {
        boolean store = reportId != null;
        Mono<CrossCheck> now = store ? crossChecks.check(revision, ref.sha(), reportId, true)
                : crossChecks.check(revision, ref.sha(), null, false);
        Mono<Optional<CrossCheck>> before = base
                .map(loaded -> crossChecks.check(loaded, ref.sha(), reportId, store).map(Optional::of))
                .orElse(Mono.just(Optional.empty()));
        return Mono.zip(now, before, crossChecks.pact(ref.sha()))
                .flatMap(checked -> crossChecks.onScheduler(() -> result(ref, checked.getT1(), checked.getT2(),
                        checked.getT3(), base, diff)));
    }

    private static PactResult result(PactRef ref, CrossCheck now, Optional<CrossCheck> before, Pact pact,
            Optional<LoadedDocument> base, DiffReport diff) {
        List<Failure> failures = PactFailures.withRuleIds(now.failures(), diff);
        List<Failure> introduced = before
                .map(earlier -> PactFailures.introduced(earlier.failures(), now.failures(),
                        base.map(LoadedDocument::checker).orElse(null), pact))
                .map(found -> PactFailures.withRuleIds(found, diff))
                .orElse(List.of());
        return new PactResult(ref, now, failures, introduced);
    }

    private Mono<List<Affected>> affected(List<PactResult> results) {
        return Flux.fromIterable(Assessment.breaking(results).entrySet())
                .concatMap(consumer -> teams.teamOf(consumer.getKey())
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .map(team -> affected(consumer.getKey(), team.orElse(null), consumer.getValue())))
                .collectList();
    }

    private static Affected affected(String consumer, String team, List<PactResult> results) {
        List<String> versions = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (PactResult result : results) {
            result.pact().consumerVersions().stream().filter(v -> !versions.contains(v)).forEach(versions::add);
            failures.addAll(result.introduced());
        }
        return new Affected(consumer, team, versions, PactFailures.distinct(failures));
    }

    /** One entry of a {@code compatibility.checked} event's audience. */
    static Audience audience(String application, String team, String role, List<Failure> failures) {
        return new Audience(application, team, role,
                failures.stream().limit(Failure.MAX_LISTED).map(Failure::concern).toList());
    }
}
