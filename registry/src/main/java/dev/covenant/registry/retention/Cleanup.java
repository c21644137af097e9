package dev.covenant.registry.retention;

import dev.covenant.registry.environments.EnvironmentVersion;
import dev.covenant.registry.environments.Environments;
import dev.covenant.registry.environments.Release;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.events.JobQueue;
import dev.covenant.registry.pacticipants.Application;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacticipants.Version;
import dev.covenant.registry.pacticipants.VersionHead;
import dev.covenant.registry.pacticipants.VersionRef;
import dev.covenant.registry.pacts.PactService;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.verifications.VerificationService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Removes old versions with their pact publications and verifications, keeping every version a keep selector
 * keeps and, whatever the selectors, what gates read: the version any "latest" pointer names (of an application,
 * a branch, a tag; the latest publication of each pact and of each pact content; the latest verification of each
 * pact content), versions deployed or released and supported, and versions with an OpenAPI document (agreed
 * contracts, proposals' bases, drift and cross-contract results refer to those). Removal is idempotent and ordered
 * pacts, verifications, then the version, so a run that stops half-way is finished by the next one.
 */
@Service
class Cleanup {

    private static final Logger LOG = LoggerFactory.getLogger(Cleanup.class);

    private final Pacticipants pacticipants;
    private final PactService pacts;
    private final VerificationService verifications;
    private final Environments environments;
    private final ProviderContracts contracts;
    private final EventLog events;
    private final JobQueue jobs;
    private final Clock clock;

    Cleanup(Pacticipants pacticipants, PactService pacts, VerificationService verifications, Environments environments,
            ProviderContracts contracts, EventLog events, JobQueue jobs, Clock clock) {
        this.pacticipants = pacticipants;
        this.pacts = pacts;
        this.verifications = verifications;
        this.environments = environments;
        this.contracts = contracts;
        this.events = events;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** What gates read, gathered once per run. */
    private record Pins(Set<VersionRef> versions, List<VersionHead> heads) {
    }

    Mono<CleanupReport> run(CleanupRequest request) {
        return pins()
                .flatMap(pins -> candidates(request, pins))
                .flatMap(candidates -> remove(request, candidates))
                .flatMap(report -> pruneHistory(request, report))
                .doOnNext(report -> LOG.info("Clean-up{}: {} versions, {} pacts, {} verifications, {} events, {} "
                                + "finished jobs; {} more versions wait for the next run", report.dryRun() ? " (dry run)" : "",
                        report.versions().size(), report.pacts(), report.verifications(), report.events(),
                        report.finishedJobs(), report.remaining()));
    }

    private Mono<Pins> pins() {
        Mono<List<VersionHead>> heads = pacticipants.heads().collectList();
        Mono<Set<VersionRef>> pinned = Flux.concat(pacts.headVersions(), verifications.headVersions())
                .collect(Collectors.toCollection(HashSet::new));
        return Mono.zip(heads, pinned, (h, p) -> {
            h.forEach(head -> p.add(new VersionRef(head.application(), head.version())));
            return new Pins(p, h);
        });
    }

    /** Every version no selector and no pin keeps, oldest first (by creation order across applications). */
    private Mono<List<Version>> candidates(CleanupRequest request, Pins pins) {
        return pacticipants.applications()
                .concatMap(application -> candidatesOf(application, request.keep(), pins))
                .sort(Comparator.comparingLong(Version::order))
                .collectList();
    }

    private Flux<Version> candidatesOf(Application application, List<KeepSelector> keep, Pins pins) {
        String name = application.name();
        Set<String> branchHeads = heads(pins, VersionHead.Kind.BRANCH, name);
        Set<String> tagHeads = heads(pins, VersionHead.Kind.TAG, name);
        return environments.deployedOrReleased(name)
                .collectList()
                .flatMapMany(inEnvironments -> pacticipants.versions(name)
                        .filter(version -> !pins.versions().contains(new VersionRef(name, version.number())))
                        .filter(version -> !inEnvironment(inEnvironments, version))
                        .filter(version -> keep.stream().noneMatch(selector -> selector.keeps(
                                facts(application, version, branchHeads, tagHeads, inEnvironments)))))
                .concatMap(version -> contracts.find(name, version.number())
                        .hasElement()
                        .filter(hasDocument -> !hasDocument)
                        .map(hasDocument -> version));
    }

    private VersionFacts facts(Application application, Version version, Set<String> branchHeads, Set<String> tagHeads,
            List<EnvironmentVersion> inEnvironments) {
        Set<String> headOfBranches = version.branches().stream()
                .filter(branch -> branchHeads.contains(branch + "|" + version.number()))
                .collect(Collectors.toSet());
        Set<String> headOfTags = version.tags().stream()
                .filter(tag -> tagHeads.contains(tag + "|" + version.number()))
                .collect(Collectors.toSet());
        boolean deployed = inEnvironments.stream().anyMatch(entry -> !(entry instanceof Release)
                && entry.version().equals(version.number()));
        boolean released = inEnvironments.stream().anyMatch(entry -> entry instanceof Release
                && entry.version().equals(version.number()));
        long age = version.createdAt() == null ? 0 : Duration.between(version.createdAt(), clock.instant()).toDays();
        return new VersionFacts(version, application.mainBranch(), version.number().equals(application.latestVersion()),
                headOfBranches, headOfTags, deployed, released, age);
    }

    private static boolean inEnvironment(List<EnvironmentVersion> inEnvironments, Version version) {
        return inEnvironments.stream().anyMatch(entry -> entry.version().equals(version.number()));
    }

    private static Set<String> heads(Pins pins, VersionHead.Kind kind, String application) {
        return pins.heads().stream()
                .filter(head -> head.kind() == kind && head.application().equals(application))
                .map(head -> head.name() + "|" + head.version())
                .collect(Collectors.toSet());
    }

    private Mono<CleanupReport> remove(CleanupRequest request, List<Version> candidates) {
        List<Version> chosen = candidates.subList(0, Math.min(request.maxVersions(), candidates.size()));
        List<VersionRef> refs = chosen.stream().map(version -> new VersionRef(version.application(), version.number()))
                .toList();
        long remaining = candidates.size() - chosen.size();
        if (request.dryRun()) {
            return Mono.just(new CleanupReport(true, refs, remaining, 0, 0, 0, 0));
        }
        long[] counts = new long[2];
        return Flux.fromIterable(refs)
                .concatMap(ref -> pacts.removeConsumerVersion(ref.application(), ref.number())
                        .doOnNext(removed -> counts[0] += removed)
                        .then(verifications.removeProviderVersion(ref.application(), ref.number()))
                        .doOnNext(removed -> counts[1] += removed)
                        .then(pacticipants.removeVersion(ref.application(), ref.number())))
                .then(Mono.fromCallable(() -> new CleanupReport(false, refs, remaining, counts[0], counts[1], 0, 0)));
    }

    private Mono<CleanupReport> pruneHistory(CleanupRequest request, CleanupReport report) {
        if (request.dryRun() || request.pruneHistoryDays() == null) {
            return Mono.just(report);
        }
        Instant cutoff = clock.instant().minus(Duration.ofDays(request.pruneHistoryDays()));
        return Mono.zip(events.pruneBefore(cutoff), jobs.pruneFinishedBefore(cutoff))
                .map(pruned -> new CleanupReport(false, report.versions(), report.remaining(), report.pacts(),
                        report.verifications(), pruned.getT1(), pruned.getT2()));
    }
}
