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
import java.util.List;
import java.util.Optional;
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

    /** A selector with the version it resolved to (empty when that version does not exist). */
    record Resolved(VersionSelector selector, Optional<Version> version) {

        String description() {
            if (selector.version() != null) {
                return "version " + selector.version() + " of " + selector.pacticipant();
            }
            String number = version.map(found -> " (" + found.number() + ")").orElse("");
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
    }

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
                .filter(selected -> selected.version().isPresent())
                .concatMap(selected -> agreements.deployBlockers(selected.selector().pacticipant(),
                        selected.version().get().number()))
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
                .flatMap(application -> version(application, selector))
                .map(version -> new Resolved(selector, Optional.of(version)))
                .defaultIfEmpty(new Resolved(selector, Optional.empty()));
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
        List<Resolved> present = resolved.stream().filter(r -> r.version().isPresent()).toList();
        if (query.target() != null) {
            return Flux.fromIterable(present).concatMap(selected -> againstTarget(query, selected));
        }
        if (resolved.size() == 1 && present.size() == 1) {
            return againstAnyVersion(query, present.get(0));
        }
        return Flux.fromIterable(present)
                .concatMap(consumer -> Flux.fromIterable(present)
                        .filter(provider -> provider != consumer)
                        .concatMap(provider -> between(query, consumer, provider)));
    }

    /** Rows between two selected versions, the first as consumer of the second. */
    private Flux<MatrixRow> between(MatrixQuery query, Resolved consumer, Resolved provider) {
        Version consumerVersion = consumer.version().orElseThrow();
        Version providerVersion = provider.version().orElseThrow();
        return pacts.publication(providerVersion.application(), consumerVersion.application(), consumerVersion.number())
                .flatMap(pact -> row(query, consumerVersion, consumer.description(), providerVersion,
                        provider.description(), providerVersion.application(), pact))
                .flux();
    }

    private Flux<MatrixRow> againstTarget(MatrixQuery query, Resolved selected) {
        Version version = selected.version().orElseThrow();
        Target target = query.target();
        Flux<MatrixRow> asConsumer = pacts.byConsumerVersion(version.application(), version.number())
                .concatMap(pact -> targetVersions(pact.provider(), target)
                        .collectList()
                        .flatMapMany(providerVersions -> providerVersions.isEmpty()
                                ? row(query, version, selected.description(), null,
                                        targetDescription(pact.provider(), target, null, false), pact.provider(), pact).flux()
                                : Flux.fromIterable(providerVersions)
                                        .concatMap(providerVersion -> row(query, version, selected.description(),
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
                                                selected.description(), version.application(), pact)))));
        return Flux.concat(asConsumer, asProvider);
    }

    /**
     * One selector and no target: each pact of the version against the provider version that verified its content
     * last, as the Pact Broker infers "any version of the provider"; a pact nobody verified is a row without a
     * provider version (unknown), never an empty matrix that would read as "no dependencies".
     */
    private Flux<MatrixRow> againstAnyVersion(MatrixQuery query, Resolved selected) {
        Version version = selected.version().orElseThrow();
        return pacts.byConsumerVersion(version.application(), version.number())
                .concatMap(pact -> verifications.latest(pact.sha())
                        .flatMap(verification -> pacticipants.version(pact.provider(), verification.providerVersion()))
                        .flatMap(providerVersion -> row(query, version, selected.description(), providerVersion,
                                "version " + providerVersion.number() + " of " + pact.provider(), pact.provider(), pact))
                        .switchIfEmpty(Mono.defer(() -> row(query, version, selected.description(), null,
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
