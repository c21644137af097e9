package dev.covenant.registry.ui.pages;

import dev.covenant.registry.pacticipants.Application;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.ui.model.ReadModel;
import dev.covenant.registry.ui.view.DependencyGraph;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The dependency graph: applications as nodes, contracts as edges coloured by status, drawn on the server. */
@Controller
class GraphPages {

    private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");

    private final Pacticipants pacticipants;
    private final ReadModel index;

    GraphPages(Pacticipants pacticipants, ReadModel index) {
        this.pacticipants = pacticipants;
        this.index = index;
    }

    @GetMapping("/ui/graph")
    Mono<Rendering> graph() {
        return Mono.fromCallable(() -> DependencyGraph.of(index.edges()))
                .subscribeOn(Schedulers.boundedElastic())
                .zipWith(withoutContracts())
                .map(found -> Rendering.view("ui/graph")
                        .modelAttribute("svg", found.getT1().svg())
                        .modelAttribute("nodes", found.getT1().nodes())
                        .modelAttribute("edges", index.edges().size())
                        .modelAttribute("isolated", found.getT2())
                        .build());
    }

    @GetMapping("/ui/graph.svg")
    @ResponseBody
    Mono<ResponseEntity<String>> svg() {
        return Mono.fromCallable(() -> DependencyGraph.of(index.edges()).svg())
                .subscribeOn(Schedulers.boundedElastic())
                .map(svg -> ResponseEntity.ok().contentType(SVG).body(svg));
    }

    private Mono<List<String>> withoutContracts() {
        Set<String> connected = new HashSet<>();
        index.edges().forEach(edge -> {
            connected.add(edge.provider());
            connected.add(edge.consumer());
        });
        return pacticipants.applications()
                .map(Application::name)
                .filter(name -> !connected.contains(name))
                .sort(String.CASE_INSENSITIVE_ORDER)
                .collectList();
    }
}
