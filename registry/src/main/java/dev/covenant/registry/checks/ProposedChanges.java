package dev.covenant.registry.checks;

import dev.covenant.contract.diff.Finding;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.registry.checks.Assessment.PactResult;
import dev.covenant.registry.checks.Dependents.Base;
import dev.covenant.registry.specs.ProviderContract;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.teams.Teams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A proposed document assessed like a pre-merge candidate, for the proposals feature: the diff against its base
 * (a given version, else the main branch's latest, else the latest) and, per consumer, what in its pact the
 * proposal breaks. Stores nothing.
 */
@Service
public class ProposedChanges {

    /**
     * @param baseVersion null when the application has no document yet (a new interface)
     * @param findings    base → proposal, breaking first
     * @param consumerTeams the teams of every consumer whose pact was checked (broken or not)
     */
    public record Result(String baseVersion, List<Finding> findings, List<ConsumerImpact> consumers,
            List<String> consumerTeams) {
    }

    /** A consumer the proposal breaks (against a base) or whose pact does not hold against it (no base). */
    public record ConsumerImpact(String consumer, String team, List<String> consumerVersions, List<Failure> failures) {
    }

    private final dev.covenant.registry.engine.EngineGateway engine;
    private final Checks checks;
    private final Dependents dependents;
    private final ProviderContracts contracts;
    private final Teams teams;

    ProposedChanges(Checks checks, Dependents dependents, ProviderContracts contracts, Teams teams, dev.covenant.registry.engine.EngineGateway engine) {
        this.engine = engine;
        this.checks = checks;
        this.dependents = dependents;
        this.contracts = contracts;
        this.teams = teams;
    }

    /** @param baseVersion the version to compare with, or null for the main branch's latest (else the latest) */
    public Mono<Result> assess(String application, String baseVersion, ParsedDocument proposed) {
        LoadedDocument revision = LoadedDocument.candidate(engine, proposed);
        return base(application, baseVersion)
                .flatMap(base -> checks.assess(application, revision, base.orElse(null),
                        base.map(List::of).orElse(List.of()), null))
                .flatMap(this::result);
    }

    private Mono<Optional<Base>> base(String application, String baseVersion) {
        Mono<ProviderContract> base = baseVersion != null ? contracts.require(application, baseVersion)
                : dependents.currentOrMain(application, null);
        return base.map(contract -> Optional.of(new Base(contract, List.of(baseVersion != null
                        ? "base version " + baseVersion : "latest on the main branch (or the latest)"))))
                .defaultIfEmpty(Optional.empty());
    }

    private Mono<Result> result(Assessment assessment) {
        List<Finding> findings = assessment.comparisons().isEmpty() ? List.of()
                : assessment.comparisons().get(0).diff().findings().stream()
                        .sorted(java.util.Comparator.comparing(Finding::level).reversed())
                        .toList();
        return Mono.zip(consumers(assessment), consumerTeams(assessment))
                .map(found -> new Result(assessment.base() == null ? null : assessment.base().contract().version(),
                        findings, found.getT1(), found.getT2()));
    }

    private Mono<List<String>> consumerTeams(Assessment assessment) {
        return Flux.fromIterable(assessment.pacts())
                .map(result -> result.pact().consumer())
                .distinct()
                .concatMap(teams::teamOf)
                .distinct()
                .collectList();
    }

    /** With a base: the failures the proposal introduces; without one: every failure of each pact against it. */
    private Mono<List<ConsumerImpact>> consumers(Assessment assessment) {
        Map<String, List<PactResult>> byConsumer = new LinkedHashMap<>();
        for (PactResult result : assessment.pacts()) {
            List<Failure> failures = assessment.base() != null ? result.introduced() : result.failures();
            if (!failures.isEmpty()) {
                byConsumer.computeIfAbsent(result.pact().consumer(), name -> new ArrayList<>()).add(result);
            }
        }
        boolean introduced = assessment.base() != null;
        return Flux.fromIterable(byConsumer.entrySet())
                .concatMap(entry -> teams.teamOf(entry.getKey())
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .map(team -> impact(entry.getKey(), team.orElse(null), entry.getValue(), introduced)))
                .collectList();
    }

    private static ConsumerImpact impact(String consumer, String team, List<PactResult> results, boolean introduced) {
        List<String> versions = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (PactResult result : results) {
            result.pact().consumerVersions().stream().filter(v -> !versions.contains(v)).forEach(versions::add);
            failures.addAll(introduced ? result.introduced() : result.failures());
        }
        return new ConsumerImpact(consumer, team, List.copyOf(versions), PactFailures.distinct(failures));
    }
}
