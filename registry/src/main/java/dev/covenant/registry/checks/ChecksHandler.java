package dev.covenant.registry.checks;

import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.registry.checks.Dependents.Base;
import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventHandler;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.events.Audience;
import dev.covenant.registry.events.EventPayload;
import dev.covenant.registry.events.JobQueue;
import dev.covenant.registry.events.PermanentJobFailure;
import dev.covenant.registry.specs.ProviderContract;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.teams.Teams;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Runs the checks for every published document and pact, stores the report, and records
 * {@code compatibility.checked} naming who is affected, handled at once within this event's job (its notifications go
 * out from here). Idempotent: the report's id derives from the event's, a report already stored is not made again,
 * and recording the same outcome twice is one event.
 */
@Component
class ChecksHandler implements EventHandler {

    private final Checks checks;
    private final CrossChecks crossChecks;
    private final Dependents dependents;
    private final ProviderContracts contracts;
    private final ReportStore reports;
    private final EventLog events;
    private final Teams teams;
    private final Clock clock;

    ChecksHandler(Checks checks, CrossChecks crossChecks, Dependents dependents, ProviderContracts contracts,
            ReportStore reports, EventLog events, Teams teams, Clock clock) {
        this.checks = checks;
        this.crossChecks = crossChecks;
        this.dependents = dependents;
        this.contracts = contracts;
        this.reports = reports;
        this.events = events;
        this.teams = teams;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "checks";
    }

    @Override
    public Mono<String> handle(Event event) {
        if (!(event.payload() instanceof EventPayload.ContractPublished)
                && !(event.payload() instanceof EventPayload.PactPublished)) {
            return Mono.just("not a change to check");
        }
        String id = reportId(event);
        // in the event job's first attempt no report can exist yet (the insert still yields to one that does)
        return JobQueue.firstAttempt()
                .flatMap(first -> first ? Mono.<Report>empty() : reports.find(id))
                .switchIfEmpty(Mono.defer(() -> report(event, id).flatMap(reports::insert)))
                .flatMap(report -> events.recordAndHandle(checked(report)).thenReturn(report.summary()));
    }

    /** The report id of an event: the same event always makes the same report. */
    static String reportId(Event event) {
        return OpenApiDocuments.sha256(("checks|" + event.id()).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    private Mono<Report> report(Event event, String id) {
        return event.payload() instanceof EventPayload.PactPublished pact ? pactReport(event, pact, id)
                : contractReport(event, id);
    }

    private Mono<Report> contractReport(Event event, String id) {
        return contracts.find(event.application(), event.version())
                .switchIfEmpty(Mono.error(() -> new PermanentJobFailure("No document stored for "
                        + event.application() + " version " + event.version())))
                .flatMap(contract -> crossChecks.documents().load(contract)
                        .flatMap(revision -> dependents.bases(contract).collectList()
                                .flatMap(bases -> checks.assess(contract.application(), revision,
                                        replaced(contract, bases), bases, id)))
                        .map(assessment -> contractReport(event, id, contract, assessment)));
    }

    /**
     * The document this one replaces, against which impact and policy are judged: the previous one on its branch,
     * else (a branch's first document) the main branch's latest published before it.
     */
    private static Base replaced(ProviderContract contract, List<Base> bases) {
        return withReason(bases, "previous")
                .or(() -> withReason(bases, "latest on main branch")
                        .filter(main -> main.contract().order() < contract.order()))
                .orElse(null);
    }

    private static Optional<Base> withReason(List<Base> bases, String prefix) {
        return bases.stream()
                .filter(base -> base.reasons().stream().anyMatch(reason -> reason.startsWith(prefix)))
                .findFirst();
    }

    private Report contractReport(Event event, String id, ProviderContract contract, Assessment assessment) {
        return new Report(id, contract.application(), contract.version(), contract.branch(), event.type(),
                clock.instant(), assessment.compatible(), summary(contract, assessment),
                assessment.comparisons().stream().map(Assessment.Comparison::part).toList(),
                assessment.pacts().stream().map(result -> result.part(selfVerification(contract))).toList(),
                assessment.affected().stream().map(Assessment.Affected::part).toList(),
                assessment.policyPart(), assessment.audience());
    }

    static String summary(ProviderContract contract, Assessment assessment) {
        String subject = contract.application() + " " + contract.version();
        String self = switch (selfVerification(contract)) {
            case "failed" -> "; its self-verification failed, so no cross-contract check against it passes";
            case "none" -> "; published without a self-verification";
            default -> "";
        };
        return subject + ": " + describe(assessment) + self;
    }

    static String describe(Assessment assessment) {
        StringBuilder text = new StringBuilder();
        if (assessment.base() == null) {
            text.append("first document");
        } else {
            text.append(assessment.breakingChanges()).append(" breaking change(s) since ")
                    .append(assessment.base().contract().version());
        }
        if (assessment.affected().isEmpty()) {
            long failing = assessment.pacts().stream().filter(result -> !result.check().success()).count();
            text.append(", no consumer affected (").append(assessment.pacts().size()).append(" pact(s) checked")
                    .append(failing > 0 ? ", " + failing + " failing as before" : "").append(")");
        } else {
            text.append(", ").append(assessment.affected().size()).append(" consumer(s) affected: ")
                    .append(assessment.affected().stream().map(Assessment.Affected::consumer)
                            .collect(Collectors.joining(", ")));
        }
        if (!assessment.violations().isEmpty()) {
            text.append("; violates the ").append(assessment.policy().level()).append(" policy (")
                    .append(assessment.violations().size()).append(" violation(s))");
        }
        return text.toString();
    }

    private Mono<Report> pactReport(Event event, EventPayload.PactPublished pact, String id) {
        String provider = pact.provider();
        String sha = pact.sha();
        return dependents.providerDocuments(provider)
                .concatMap(base -> crossChecks.documents().load(base.contract())
                        .flatMap(document -> crossChecks.check(document, sha, id, true))
                        .map(check -> Map.entry(base, check)))
                .collectList()
                .flatMap(checked -> (newContent(pact) ? providerAudience(provider, checked)
                                : Mono.just(List.<Audience>of()))
                        .map(audience -> pactReport(event, pact, id, checked, audience)));
    }

    /**
     * Consumers republish the same pact from every build; the provider hears about a failing content once, when
     * it is first published, not again for each consumer version that carries it.
     */
    private static boolean newContent(EventPayload.PactPublished pact) {
        return pact.contentChanged();
    }

    private Mono<List<Audience>> providerAudience(String provider, List<Map.Entry<Base, CrossCheck>> checked) {
        List<Failure> failures = PactFailures.distinct(checked.stream()
                .flatMap(entry -> entry.getValue().failures().stream())
                .toList());
        if (failures.isEmpty()) {
            return Mono.just(List.of());
        }
        return teams.teamOf(provider)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .map(team -> List.of(Checks.audience(provider, team.orElse(null), "provider", failures)));
    }

    private Report pactReport(Event event, EventPayload.PactPublished pact, String id,
            List<Map.Entry<Base, CrossCheck>> checked, List<Audience> audience) {
        String provider = pact.provider();
        boolean compatible = checked.stream().allMatch(entry -> entry.getValue().success());
        List<PactCheck> parts = checked.stream()
                .map(entry -> entry.getValue().part(event.version(), entry.getValue().failures(), null,
                        entry.getKey().reasons(), selfVerification(entry.getKey().contract())))
                .toList();
        String subject = "Pact of " + event.application() + " " + event.version() + " with " + provider;
        String versions = checked.stream().map(entry -> entry.getKey().contract().version())
                .collect(Collectors.joining(", "));
        String unchecked = checked.stream()
                .map(entry -> entry.getValue().coverage())
                .filter(coverage -> coverage != null && !coverage.complete())
                .findFirst()
                .map(coverage -> "; " + coverage.reason())
                .orElse("");
        String summary = checked.isEmpty() ? subject + ": no document of " + provider + " to check it against"
                : compatible ? subject + ": satisfied by " + provider + " " + versions + unchecked
                : subject + ": not satisfied by " + provider + " " + checked.stream()
                        .filter(entry -> !entry.getValue().success())
                        .map(entry -> entry.getKey().contract().version() + " (" + entry.getValue().failures().size()
                                + " failure(s))")
                        .collect(Collectors.joining(", "));
        return new Report(id, event.application(), event.version(), pact.branch(), event.type(),
                clock.instant(), compatible, summary, List.of(), parts, List.of(), new ReportPolicy.NotJudged(), audience);
    }

    /**
     * The provider's own verification of the document checked against: {@code passed}, {@code failed} (every
     * cross-contract result against it then fails) or {@code none} (allowed unless the provider's policy requires one).
     */
    static String selfVerification(ProviderContract contract) {
        if (contract.selfVerified() == null) {
            return "none";
        }
        return contract.selfVerified().success() ? "passed" : "failed";
    }

    /** The event the notifier acts on: exactly who is affected, and how. */
    static Event checked(Report report) {
        return Event.of(report.application(), report.version(),
                new EventPayload.CompatibilityChecked(report.id(), report.compatible(), report.trigger(),
                        report.summary(), Report.path(report.id()), report.audience()),
                report.id());
    }
}
