package dev.covenant.registry.ui.pages;

import dev.covenant.registry.checks.Report;
import dev.covenant.registry.pacticipants.Application;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.ui.model.ActivityReader;
import dev.covenant.registry.ui.model.ReadModel;
import dev.covenant.registry.ui.model.UiSearch;
import dev.covenant.registry.ui.view.CatalogView;
import dev.covenant.registry.ui.view.SearchView;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The catalog (applications by team) and the search across every name in every interface. */
@Controller
class CatalogPages {

    private final Pacticipants pacticipants;
    private final ReadModel index;
    private final UiSearch search;
    private final ActivityReader activity;

    CatalogPages(Pacticipants pacticipants, ReadModel index, UiSearch search, ActivityReader activity) {
        this.pacticipants = pacticipants;
        this.index = index;
        this.search = search;
        this.activity = activity;
    }

    @GetMapping({"/ui", "/ui/"})
    Mono<Rendering> catalog(ServerWebExchange exchange) {
        return pacticipants.applications()
                .collectList()
                .zipWith(latestVerdicts())
                .map(found -> CatalogView.of(found.getT1(), index.edges(), index::documentVersion,
                        found.getT2().verdicts(), found.getT2().available()))
                .map(view -> Rendering.view("ui/catalog").modelAttribute("catalog", view).build());
    }

    @GetMapping("/ui/search")
    Mono<Rendering> search(@RequestParam(name = "q", required = false) String query) {
        return pacticipants.applications()
                .map(Application::name)
                .collectList()
                .map(names -> SearchView.of(query, names, search.search(query, SearchView.LIMIT + 1), index.ready()))
                .map(view -> Rendering.view("ui/search").modelAttribute("search", view).build());
    }

    /** Each application's latest compatibility verdict. */
    private record Verdicts(boolean available, Map<String, CatalogView.Verdict> verdicts) {
    }

    private Mono<Verdicts> latestVerdicts() {
        return activity.allReports()
                .map(feed -> new Verdicts(feed.available(), latestPerApplication(feed.items())));
    }

    private static Map<String, CatalogView.Verdict> latestPerApplication(List<Report> reports) {
        Map<String, Report> latest = new HashMap<>();
        Comparator<Report> byTime = Comparator.comparing(Report::createdAt);
        for (Report report : reports) {
            if (report.application() != null) {
                latest.merge(report.application(), report, (a, b) -> byTime.compare(a, b) >= 0 ? a : b);
            }
        }
        Map<String, CatalogView.Verdict> verdicts = new HashMap<>();
        latest.forEach((application, report) -> verdicts.put(application,
                new CatalogView.Verdict(report.compatible(), report.id())));
        return verdicts;
    }
}
