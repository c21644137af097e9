package dev.covenant.registry.ui.view;

import dev.covenant.registry.pacticipants.Application;
import dev.covenant.registry.ui.model.Edge;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The catalog page: applications grouped by team (teams by name, applications without a team last), each with
 * its latest version, the status of its contracts and its latest compatibility check.
 */
public record CatalogView(List<TeamGroup> teams, int applications, boolean reportsAvailable) {

    static final String NO_TEAM = "No team";

    /** One team's applications. */
    public record TeamGroup(String name, String anchor, List<Row> rows) {
    }

    /**
     * One application.
     *
     * @param documentVersion the version of its latest OpenAPI document, or null
     * @param compatibility   "compatible", "breaking" or null when no check was recorded
     * @param reportHref      the page of the report behind {@code compatibility}, or null
     */
    public record Row(String name, String displayName, String latestVersion, String status, String statusCss,
            String documentVersion, int consumers, int providers, String compatibility, String reportHref) {
    }

    /** An application's latest compatibility report: its verdict and id. */
    public record Verdict(boolean compatible, String reportId) {
    }

    public static CatalogView of(Collection<Application> applications, Collection<Edge> edges,
            Function<String, String> documentVersion, Map<String, Verdict> compatibility, boolean reportsAvailable) {
        Map<String, List<Edge>> byApplication = new HashMap<>();
        for (Edge edge : edges) {
            byApplication.computeIfAbsent(edge.provider(), name -> new ArrayList<>()).add(edge);
            byApplication.computeIfAbsent(edge.consumer(), name -> new ArrayList<>()).add(edge);
        }
        Map<String, List<Row>> teams = new TreeMap<>(Comparator.comparing((String team) -> team.equals(NO_TEAM))
                .thenComparing(String.CASE_INSENSITIVE_ORDER).thenComparing(Comparator.naturalOrder()));
        for (Application application : applications) {
            String name = application.name();
            List<Edge> own = byApplication.getOrDefault(name, List.of());
            Edge.Health health = Edge.Health.of(own);
            Verdict verdict = compatibility.get(name);
            Row row = new Row(name, application.displayName(), application.latestVersion(), health.label(),
                    health.css(), documentVersion.apply(name),
                    (int) own.stream().filter(edge -> edge.provider().equals(name)).count(),
                    (int) own.stream().filter(edge -> edge.consumer().equals(name)).count(),
                    verdict == null ? null : verdict.compatible() ? "compatible" : "breaking",
                    verdict == null || verdict.reportId() == null ? null : Paths.report(verdict.reportId()));
            String team = application.team() == null || application.team().isBlank() ? NO_TEAM : application.team();
            teams.computeIfAbsent(team, key -> new ArrayList<>()).add(row);
        }
        List<TeamGroup> groups = new ArrayList<>();
        teams.forEach((team, rows) -> {
            rows.sort(Comparator.comparing(Row::name, String.CASE_INSENSITIVE_ORDER));
            groups.add(new TeamGroup(team, "team-" + anchor(team), List.copyOf(rows)));
        });
        return new CatalogView(List.copyOf(groups), applications.size(), reportsAvailable);
    }

    static String anchor(String text) {
        String slug = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return slug.isEmpty() ? "x" : slug;
    }
}
