package dev.covenant.registry.teams;

import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.JsonBodies;
import dev.covenant.registry.system.Links;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** {@code /teams}: who owns which applications, and how to reach them. */
@RestController
class TeamController {

    private final Teams teams;
    private final JsonMapper json;

    TeamController(Teams teams, JsonMapper json) {
        this.teams = teams;
        this.json = json;
    }

    @GetMapping("/teams")
    Mono<ResponseEntity<Map<String, Object>>> list(ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return teams.teams()
                .concatMap(team -> teams.applications(team.name()).collectList()
                        .map(owned -> view(links, team, Teams.names(owned))))
                .collectList()
                .map(items -> Hal.collection("teams", items, links.href("teams")));
    }

    @GetMapping("/teams/{team}")
    Mono<ResponseEntity<Map<String, Object>>> show(@PathVariable String team, ServerWebExchange exchange) {
        return teams.requireTeam(team)
                .flatMap(found -> teams.applications(team).collectList()
                        .map(owned -> Hal.ok(view(Links.of(exchange), found, Teams.names(owned)))));
    }

    @PutMapping("/teams/{team}")
    Mono<ResponseEntity<Map<String, Object>>> save(@PathVariable String team, ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), JsonBodies.MAX_BODY)
                .map(body -> TeamRequest.parse(JsonBodies.object(json, body)))
                .flatMap(request -> teams.save(team, request)
                        .map(saved -> Hal.ok(view(Links.of(exchange), saved, request.applications()))));
    }

    @DeleteMapping("/teams/{team}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String team) {
        return teams.delete(team).thenReturn(ResponseEntity.noContent().build());
    }

    private static Map<String, Object> view(Links links, Team team, List<String> applications) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", team.name());
        body.put("displayName", team.displayName() != null ? team.displayName() : team.name());
        body.put("contacts", team.contacts().stream().map(contact -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", contact.name());
            if (contact.email() != null) {
                view.put("email", contact.email());
            }
            if (contact.slack() != null) {
                view.put("slack", contact.slack());
            }
            return view;
        }).toList());
        body.put("applications", applications);
        body.put("createdAt", String.valueOf(team.createdAt()));
        body.put("_links", Map.of("self", Links.link(links.href("teams", team.name())),
                "applications", applications.stream().map(name -> Links.link(links.href("pacticipants", name))).toList()));
        return body;
    }
}
