package dev.covenant.registry.matrix;

import dev.covenant.registry.checks.Agreements;
import dev.covenant.registry.checks.CrossChecks;
import dev.covenant.registry.environments.EnvironmentVersion;
import dev.covenant.registry.environments.Environments;
import dev.covenant.registry.matrix.MatrixQuery.Target;
import dev.covenant.registry.matrix.MatrixQuery.VersionSelector;
import dev.covenant.registry.pacticipants.Application;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacticipants.Version;
import dev.covenant.registry.pacts.PactPublication;
import dev.covenant.registry.pacts.PactService;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.verifications.Verification;
import dev.covenant.registry.verifications.VerificationService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers matrix and can-i-deploy queries: which pacts connect the selected versions to the target, and what
 * their verifications say. Every step is a head lookup or a point read, so the cost grows with the number of
 * integrations involved, not with the history.
 */
@Service
class MatrixService {

    private final Pacticipants pacticipants;
    private final PactService pacts;
    private final VerificationService verifications;
    private final Environments environments;
    private final CrossChecks crossChecks;
    private final Agreements agreements;

    MatrixService(Pacticipants pacticipants, PactService pacts, VerificationService verifications,
            Environments environments, CrossChecks crossChecks, Agreements agreements) {
        this.agreements = agreements;
        this.crossChecks = crossChecks;
        this.pacticipants = pacticipants;
        this.pacts = pacts;
        this.verifications = verifications;
        this.environments = environments;
    }

    /**
     * A selector with the versions it resolved to, oldest first: one for a version, latest, branch or main-branch
     * selector; every matching version (at most {@link #MAX_VERSIONS_PER_SELECTOR}, the newest) for a pacticipant
     * alone or a tag without latest; none when nothing matches.
     */
    record Resolved(VersionSelector selector, List<Version> versions) {

        boolean many() {
            return selector.manyVersions();
        }

        String description(Version found) {
            if (selector.version() != null || many()) {
                return "version " + found.number() + " of " + selector.pacticipant();
            }
            String number = " (" + found.number() + ")";
            if (selector.tag() != null) {
                return "the latest version of " + selector.pacticipant() + " with tag " + selector.tag() + number;
            }
            if (selector.branch() != null) {
                return "the latest version of " + selector.pacticipant() + " from branch " + selector.branch() + number;
            }
            if (selector.mainBranch()) {
                return "the latest version of " + selector.pacticipant() + " from the main branch" + number;
            }
            return "the latest version of " + selector.pacticipant() + number;
        }

        /** How the selector reads when none of its versions verified a pact ("any version of Bar with tag prod"). */
        String anyVersion() {
            return "any version of " + selector.pacticipant() + (selector.tag() == null ? "" : " with tag " + selector.tag());
        }
    }

    /** The most versions one selector that means many versions stands for; the newest are kept. */
    static final int MAX_VERSIONS_PER_SELECTOR = MatrixQueryParser.MAX_LIMIT;

    Mono<MatrixResult> query(MatrixQuery query) {
        if (query.selectors().isEmpty()) {
            return Mono.error(new InvalidRequestException("q", "Please provide 1 or more version selectors"));
        }
        return validateTarget(query.target())
                .thenMany(Flux.fromIterable(query.selectors()).concatMap(this::resolve))
                .collectList()
                .flatMap(resolved -> rows(query, resolved)
                        .collectList()
                        .map(rows -> Decision.decide(query, resolved, rows))
                        .flatMap(result -> withUnagreedChanges(result, resolved)));
    }

    /** A selected version whose breaking changes nobody agreed to (policy agreement: require) is not deployable. */
    private Mono<MatrixResult> withUnagreedChanges(MatrixResult result, List<Resolved> resolved) {
        return Flux.fromIterable(resolved)
                .concatMap(selected -> Flux.fromIterable(selected.versions())
                        .concatMap(version -> agreements.deployBlockers(selected.selector().pacticipant(),
                                version.number())))
                .flatMapIterable(reasons -> reasons)
                .collectList()
                .map(blockers -> blockers.isEmpty() ? result : blocked(result, blockers));
    }

    private static MatrixResult blocked(MatrixResult result, List<String> blockers) {
        List<String> reasons = new ArrayList<>(blockers);
        if (!Boolean.FALSE.equals(result.deployable())) {
            reasons.addAll(result.reasons().stream().filter(reason -> !reason.startsWith("All required")
                    && !reason.startsWith("There are no missing")).toList());
        } else {
            reasons.addAll(result.reasons());
        }
        return new MatrixResult(result.rows(), false, reasons, result.success(), result.failed(), result.unknown(),
                result.ignored(), result.warnings());
    }

    private Mono<Void> validateTarget(Target target) {
        if (target == null || target.environment() == null) {
            return Mono.empty();
        }
        return environments.byName(target.environment())
                .switchIfEmpty(Mono.error(() -> new InvalidRequestException("environment",
                        "Environment with name '" + target.environment() + "' does not exist")))
                .then();
    }

    private Mono<Resolved> resolve(VersionSelector selector) {
        return pacticipants.application(selector.pacticipant())
                .switchIfEmpty(Mono.error(() -> new InvalidRequestException("q",
                        "Pacticipant " + selector.pacticipant() + " not found")))
                .flatMap(application -> versions(application, selector))
                .map(versions -> new Resolved(selector, versions));
    }

    private Mono<List<Version>> versions(Application application, VersionSelector selector) {
        if (!selector.manyVersions()) {
            return version(application, selector).map(List::of).defaultIfEmpty(List.of());
        }
        return pacticipants.versions(application.name())
                .filter(selector::includes)
                .take(MAX_VERSIONS_PER_SELECTOR)
                .collectList()
                .map(MatrixService::oldestFirst);
    }

    private static List<Version> oldestFirst(List<Version> newestFirst) {
        List<Version> versions = new ArrayList<>(newestFirst);
        Collections.reverse(versions);
        return versions;
    }

    private Mono<Version> version(Application application, VersionSelector selector) {
        String name = application.name();
        if (selector.version() != null) {
            return pacticipants.version(name, selector.version());
        }
        if (selector.branch() != null) {
            return pacticipants.latestOnBranch(name, selector.branch());
        }
        if (selector.mainBranch()) {
            return Mono.justOrEmpty(application.mainBranch()).flatMap(main -> pacticipants.latestOnBranch(name, main));
        }
        return pacticipants.latestVersion(name, selector.tag());
    }

    private Flux<MatrixRow> rows(MatrixQuery query, List<Resolved> resolved) {
        if (query.target() != null) {
            return Flux.fromIterable(resolved)
                    .concatMap(selected -> Flux.fromIterable(selected.versions())
                            .concatMap(version -> againstTarget(query, selected, version)));
        }
        if (resolved.size() == 1) {
            Resolved selected = resolved.get(0);
            return Flux.fromIterable(selected.versions())
                    .concatMap(version -> againstAnyVersion(query, selected, version));
        }
        return Flux.fromIterable(resolved)
                .concatMap(consumer -> Flux.fromIterable(resolved)
                        .filter(provider -> provider != consumer && !provider.versions().isEmpty())
                        .concatMap(provider -> Flux.fromIterable(consumer.versions())
                                .concatMap(consumerVersion -> between(query, consumer, consumerVersion, provider))));
    }

    /** Rows between a selected consumer version and the versions another selector chose, as their consumer. */
    private Flux<MatrixRow> between(MatrixQuery query, Resolved consumer, Version consumerVersion, Resolved provider) {
        String providerName = provider.versions().get(0).application();
        return pacts.publication(providerName, consumerVersion.application(), consumerVersion.number())
                .flatMapMany(pact -> provider.many()
                        ? verifiedBySelected(query, consumer.description(consumerVersion), consumerVersion, provider, pact)
                        : row(query, consumerVersion, consumer.description(consumerVersion), provider.versions().get(0),
                                provider.description(provider.versions().get(0)), providerName, pact).flux());
    }

    /**
     * A pact against a selector that means many provider versions: a row per selected provider version that
     * verified its content (its latest verification), or one row without a provider version when none did.
     */
    private Flux<MatrixRow> verifiedBySelected(MatrixQuery query, String consumerDescription, Version consumerVersion,
            Resolved provider, PactPublication pact) {
        Map<String, Version> selected = new HashMap<>();
        provider.versions().forEach(version -> selected.put(version.number(), version));
        return verifications.forContent(pact.sha())
                .map(Verification::providerVersion)
                .filter(selected::containsKey)
                .distinct()
                .concatMap(number -> row(query, consumerVersion, consumerDescription, selected.get(number),
                        provider.description(selected.get(number)), pact.provider(), pact))
                .switchIfEmpty(Flux.defer(() -> row(query, consumerVersion, consumerDescription, null,
                        provider.anyVersion(), pact.provider(), pact).flux()));
    }

    private Flux<MatrixRow> againstTarget(MatrixQuery query, Resolved selected, Version version) {
        Target target = query.target();
        Flux<MatrixRow> asConsumer = pacts.byConsumerVersion(version.application(), version.number())
                .concatMap(pact -> targetVersions(pact.provider(), target)
                        .collectList()
                        .flatMapMany(providerVersions -> providerVersions.isEmpty()
                                ? row(query, version, selected.description(version), null,
                                        targetDescription(pact.provider(), target, null, false), pact.provider(), pact).flux()
                                : Flux.fromIterable(providerVersions)
                                        .concatMap(providerVersion -> row(query, version, selected.description(version),
                                                providerVersion, targetDescription(pact.provider(), target,
                                                        providerVersion.number(), providerVersions.size() > 1),
                                                pact.provider(), pact))));
        Flux<MatrixRow> asProvider = pacts.consumersOf(version.application())
                .concatMap(consumer -> targetVersions(consumer, target)
                        .collectList()
                        .flatMapMany(consumerVersions -> Flux.fromIterable(consumerVersions)
                                .concatMap(consumerVersion -> pacts.publication(version.application(), consumer,
                                                consumerVersion.number())
                                        .flatMap(pact -> row(query, consumerVersion, targetDescription(consumer, target,
                                                consumerVersion.number(), consumerVersions.size() > 1), version,
                                                selected.description(version), version.application(), pact)))));
        return Flux.concat(asConsumer, asProvider);
    }

    /**
     * One selector and no target: each pact of the version against the provider version that verified its content
     * last, as the Pact Broker infers "any version of the provider"; a pact nobody verified is a row without a
     * provider version (unknown), never an empty matrix that would read as "no dependencies".
     */
    private Flux<MatrixRow> againstAnyVersion(MatrixQuery query, Resolved selected, Version version) {
        return pacts.byConsumerVersion(version.application(), version.number())
                .concatMap(pact -> verifications.latest(pact.sha())
                        .flatMap(verification -> pacticipants.version(pact.provider(), verification.providerVersion()))
                        .flatMap(providerVersion -> row(query, version, selected.description(version), providerVersion,
                                "version " + providerVersion.number() + " of " + pact.provider(), pact.provider(), pact))
                        .switchIfEmpty(Mono.defer(() -> row(query, version, selected.description(version), null,
                                "any version of " + pact.provider(), pact.provider(), pact))));
    }

    /** The versions of an application the target means: in the environment, latest with tag, on main, latest. */
    private Flux<Version> targetVersions(String application, Target target) {
        if (target.environment() != null) {
            return Flux.concat(environments.currentlyDeployed(application, target.environment()),
                            environments.currentlyReleased(application, target.environment()))
                    .map(EnvironmentVersion::version)
                    .distinct()
                    .concatMap(number -> pacticipants.version(application, number));
        }
        if (target.mainBranch()) {
            return pacticipants.application(application)
                    .mapNotNull(Application::mainBranch)
                    .flatMap(main -> pacticipants.latestOnBranch(application, main))
                    .flux();
        }
        return pacticipants.latestVersion(application, target.tag()).flux();
    }

    /** As the Pact Broker describes a target's version ("one of the versions of X currently in prod (2)"). */
    private static String targetDescription(String application, Target target, String number, boolean oneOfMany) {
        String version = number == null ? "" : " (" + number + ")";
        if (target.environment() != null) {
            if (number == null) {
                return "a version of " + application + " currently in " + target.environment()
                        + " (no version is currently recorded as deployed/released in this environment)";
            }
            return (oneOfMany ? "one of the versions of " : "the version of ") + application + " currently in "
                    + target.environment() + version;
        }
        if (target.tag() != null) {
            return "the latest version of " + application + " with tag " + target.tag() + version;
        }
        if (target.mainBranch()) {
            return "the latest version of " + application + " from the main branch" + version;
        }
        return "the latest version of " + application + version;
    }

    private Mono<MatrixRow> row(MatrixQuery query, Version consumerVersion, String consumerDescription,
            Version providerVersion, String providerDescription, String provider, PactPublication pact) {
        boolean ignored = query.ignore().stream().anyMatch(ignore ->
                ignore.matches(consumerVersion.application(), consumerVersion.number())
                        || (providerVersion != null ? ignore.matches(provider, providerVersion.number())
                                : ignore.pacticipant().equals(provider) && ignore.version() == null));
        if (providerVersion == null) {
            return Mono.just(new MatrixRow(consumerVersion, null, provider, pact, null, null, consumerDescription,
                    providerDescription, ignored));
        }
        return verifications.latestBy(pact.sha(), providerVersion.number())
                .map(verification -> new Evidence(verification, null))
                .switchIfEmpty(Mono.defer(() -> crossCheck(pact, providerVersion)))
                .defaultIfEmpty(new Evidence(null, null))
                .map(evidence -> new MatrixRow(consumerVersion, providerVersion, provider, pact,
                        evidence.verification(), evidence.reason(), consumerDescription, providerDescription, ignored));
    }

    /** A verification (real, or a cross-contract check standing in for one) and what the check proves or misses. */
    private record Evidence(Verification verification, String reason) {
    }

    /**
     * A provider that only publishes documents has no verifications; its cross-contract check result (point
     * lookups) stands in for one when it really checked the pact. A real verification always takes precedence.
     */
    private Mono<Evidence> crossCheck(PactPublication pact, Version providerVersion) {
        return crossChecks.evidence(pact.sha(), providerVersion.number())
                .map(evidence -> new Evidence(evidence.counts()
                        ? CrossCheckVerifications.asVerification(evidence, pact, providerVersion) : null,
                        evidence.reason()));
    }
}
