package dev.covenant.registry.ui.view;

import dev.covenant.registry.checks.Report;
import dev.covenant.registry.checks.ReportPolicy;
import dev.covenant.registry.environments.Deployment;
import dev.covenant.registry.environments.EnvironmentVersion;
import dev.covenant.registry.pacticipants.Application;
import dev.covenant.registry.pacticipants.Branch;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacticipants.VersionHead;
import dev.covenant.registry.ui.model.ActivityReader;
import dev.covenant.registry.ui.model.Edge;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application page: one page of versions (newest first) with branches and tags, what runs in each environment,
 * the contracts with its consumers and providers, and its latest status.
 *
 * @param olderVersions     the cursor of the next older page of versions, null on the oldest page
 * @param newestVersions    whether this page starts at the newest version (no "newer" link)
 * @param moreBranches      whether the application has branches besides those listed (the newest and the main one)
 * @param documentVersions  the newest document versions, at most two (what the page's links need)
 */
public record ApplicationView(String name, String displayName, String team, String repositoryUrl, String mainBranch,
        String latestVersion, List<VersionRow> versions, Long olderVersions, boolean newestVersions,
        List<NamedVersion> branches, boolean moreBranches, List<NamedVersion> tags, List<EnvironmentRow> environments,
        List<Partner> consumers, List<Partner> providers, String status, String statusCss,
        List<String> documentVersions, Compatibility compatibility) {

    /** Versions per page. */
    public static final int PAGE_SIZE = 50;
    /** Branches listed besides the main branch: the most recently created. */
    public static final int BRANCHES = 20;

    /** One version. */
    public record VersionRow(String number, List<String> branches, List<String> tags, String createdAt,
            boolean hasDocument) {
    }

    /** A branch or tag and the latest version on it. */
    public record NamedVersion(String name, String version) {
    }

    /** A version in an environment. */
    public record EnvironmentRow(String environment, String version, String kind, String instance, String since) {
    }

    /**
     * An application on the other end of a contract.
     *
     * @param detail for a failed verification: which provider version it failed against and what runs where, else null
     */
    public record Partner(String name, String status, String css, String consumerVersion, String pactHref,
            String detail) {
    }

    /**
     * The latest compatibility check recorded for the latest version (issue 5's reports).
     *
     * @param available false while nothing records checks
     * @param result    "compatible", "breaking", or null when none was recorded for that version
     * @param reportHref the report's page, null when none was recorded
     * @param agreedProposal   the proposal whose document is the application's agreed contract, or null
     * @param matchesAgreement whether that version's document matches the agreed contract (null: nothing agreed)
     */
    public record Compatibility(boolean available, String result, String createdAt, String reportHref,
            String agreedProposal, Boolean matchesAgreement) {

      public   Compatibility(boolean available, String result, String createdAt, String reportHref) {
            this(available, result, createdAt, reportHref, null, null);
        }
    }

    /**
     * @param page             the versions shown, newest first, and the cursor of the older ones
     * @param newest           whether the page starts at the newest version
     * @param branches         the main branch and the most recently created ones
     * @param tags             the tags with the latest version of each, most recently moved first
     * @param withDocument     which of the shown versions have a document
     * @param newestDocuments  the newest document versions, newest first (two are enough)
     * @param providersRunning for each provider of a failed verification, what runs in each environment (environment
     *                         name to version); the application's own environments count for itself
     */
    public static ApplicationView of(Application application, Pacticipants.VersionPage page, boolean newest,
            Pacticipants.BranchPage branches, List<VersionHead> tags, List<EnvironmentVersion> environments, List<Edge> edges,
            Set<String> withDocument, List<String> newestDocuments, Compatibility compatibility,
            Map<String, List<EnvironmentVersion>> providersRunning) {
        String name = application.name();
        List<VersionRow> rows = page.versions().stream()
                .map(v -> new VersionRow(v.number(), v.branches(), v.tags(), UiFormat.time(v.createdAt()),
                        withDocument.contains(v.number())))
                .toList();
        List<NamedVersion> branchRows = branches.branches().stream()
                .sorted(Comparator.comparing((Branch b) -> !b.name().equals(application.mainBranch()))
                        .thenComparing(Branch::name))
                .map(branch -> new NamedVersion(branch.name(), branch.latestVersion()))
                .toList();
        List<EnvironmentRow> running = environments.stream()
                .map(e -> new EnvironmentRow(e.environmentName(), e.version(),
                        e instanceof Deployment ? "deployed" : "released", e.applicationInstance(), UiFormat.time(e.createdAt())))
                .toList();
        Map<String, List<EnvironmentVersion>> runningWhere = new java.util.HashMap<>(providersRunning);
        runningWhere.put(name, environments);
        List<Partner> consumers = new ArrayList<>();
        List<Partner> providers = new ArrayList<>();
        for (Edge edge : edges) {
            List<EnvironmentVersion> providerRuns = runningWhere.get(edge.provider());
            if (edge.provider().equals(name)) {
                consumers.add(partner(edge.consumer(), edge, providerRuns));
            }
            if (edge.consumer().equals(name)) {
                providers.add(partner(edge.provider(), edge, providerRuns));
            }
        }
        consumers.sort(Comparator.comparing(Partner::name));
        providers.sort(Comparator.comparing(Partner::name));
        Edge.Health health = Edge.Health.of(edges, edge -> runs(runningWhere.get(edge.provider()), edge.providerVersion()));
        return new ApplicationView(name, application.displayName(), application.team(),
                UiFormat.safeUrl(application.repositoryUrl()), application.mainBranch(), application.latestVersion(),
                rows, page.older(), newest, branchRows, branches.more(),
                tags.stream().map(tag -> new NamedVersion(tag.name(), tag.version())).toList(), running,
                List.copyOf(consumers), List.copyOf(providers), health.label(), health.css(),
                List.copyOf(newestDocuments), compatibility);
    }

    private static Partner partner(String other, Edge edge, List<EnvironmentVersion> providerRuns) {
        String detail = null;
        String label = edge.status().label();
        String css = edge.status().css();
        if (edge.status() == Edge.Status.FAILED && edge.providerVersion() != null && providerRuns != null) {
            boolean runs = runs(providerRuns, edge.providerVersion());
            List<String> where = providerRuns.stream()
                    .map(run -> run.environmentName() + " runs " + edge.provider() + " " + run.version())
                    .distinct()
                    .toList();
            detail = "fails against " + edge.provider() + " " + edge.providerVersion()
                    + (runs ? "" : ", which is deployed nowhere")
                    + (where.isEmpty() ? "; no version of " + edge.provider() + " is deployed" : "; " + String.join(", ", where));
            if (!runs) {
                label = "fails against " + edge.providerVersion() + " (not deployed)";
                css = "warn";
            }
        }
        return new Partner(other, label, css, edge.consumerVersion(),
                Paths.pact(edge.provider(), edge.consumer(), edge.consumerVersion()), detail);
    }

    /** Whether {@code version} runs in some environment; true when unknown (nothing was looked up). */
    private static boolean runs(List<EnvironmentVersion> running, String version) {
        return running == null || version == null || running.stream().anyMatch(run -> version.equals(run.version()));
    }

    /** The latest report's verdict from issue 5's report list; reports are matched by their createdAt. */
    public static Compatibility compatibility(ActivityReader.Feed<Report> reports) {
        if (!reports.available()) {
            return new Compatibility(false, null, null, null);
        }
        return reports.items().stream()
                .max(Comparator.comparing(Report::createdAt))
                .map(report -> {
                    ReportPolicy.Agreement agreement = report.policy() instanceof ReportPolicy.Judged judged
                            ? judged.agreementVerdict() : null;
                    return new Compatibility(true, report.compatible() ? "compatible" : "breaking",
                            report.createdAt().toString(), report.id() == null ? null : Paths.report(report.id()),
                            agreement == null ? null : agreement.proposalId(),
                            agreement == null ? null : agreement.matches());
                })
                .orElse(new Compatibility(true, null, null, null));
    }
}
