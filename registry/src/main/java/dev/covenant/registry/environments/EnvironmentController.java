package dev.covenant.registry.environments;

import dev.covenant.registry.system.JsonBodies;
import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.Links;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Pact Broker-compatible environment resources and what is currently deployed or supported in each. */
@RestController
class EnvironmentController {

    private final Environments environments;
    private final JsonMapper json;

    EnvironmentController(Environments environments, JsonMapper json) {
        this.environments = environments;
        this.json = json;
    }

    @GetMapping("/environments")
    Mono<ResponseEntity<Map<String, Object>>> list(@RequestParam(required = false) String name,
            ServerWebExchange exchange) {
        Flux<Environment> found = name == null ? environments.all() : environments.byName(name).flux();
        return found.collectList()
                .map(items -> Hal.ok(EnvironmentViews.environments(Links.of(exchange), items)));
    }

    @PostMapping("/environments")
    Mono<ResponseEntity<Map<String, Object>>> create(ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return Bodies.read(exchange.getRequest(), JsonBodies.MAX_BODY)
                .map(body -> EnvironmentRequest.parse(JsonBodies.object(json, body), json))
                .flatMap(environments::create)
                .map(created -> ResponseEntity.status(HttpStatus.CREATED)
                        .location(URI.create(links.href("environments", created.uuid())))
                        .contentType(Hal.HAL_JSON)
                        .body(EnvironmentViews.environment(links, created)));
    }

    @GetMapping("/environments/{uuid}")
    Mono<ResponseEntity<Map<String, Object>>> show(@PathVariable String uuid, ServerWebExchange exchange) {
        return environments.require(uuid)
                .map(found -> Hal.ok(EnvironmentViews.environment(Links.of(exchange), found)));
    }

    @PutMapping("/environments/{uuid}")
    Mono<ResponseEntity<Map<String, Object>>> replace(@PathVariable String uuid, ServerWebExchange exchange) {
        return environments.require(uuid)
                .then(Bodies.read(exchange.getRequest(), JsonBodies.MAX_BODY))
                .map(body -> EnvironmentRequest.parse(JsonBodies.object(json, body), json))
                .flatMap(request -> environments.replace(uuid, request))
                .map(saved -> Hal.ok(EnvironmentViews.environment(Links.of(exchange), saved)));
    }

    @DeleteMapping("/environments/{uuid}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String uuid) {
        return environments.delete(uuid)
                .thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping("/environments/{uuid}/deployed-versions/currently-deployed")
    Mono<ResponseEntity<Map<String, Object>>> currentlyDeployed(@PathVariable String uuid,
            @RequestParam(required = false) String pacticipant, ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        InstanceFilter instance = InstanceFilter.of(exchange.getRequest().getQueryParams());
        return environments.require(uuid)
                .flatMap(environment -> deployedIn(environment, pacticipant)
                        .filter(instance::matches)
                        .map(deployment -> EnvironmentViews.deployment(links, deployment, environment))
                        .collectList()
                        .map(items -> EnvironmentViews.collection("deployedVersions", items,
                                self(links, exchange, uuid, "deployed-versions", "currently-deployed"),
                                "Currently deployed versions for " + environment.displayName())))
                .map(Hal::ok);
    }

    @GetMapping("/environments/{uuid}/released-versions/currently-supported")
    Mono<ResponseEntity<Map<String, Object>>> currentlySupported(@PathVariable String uuid,
            @RequestParam(required = false) String pacticipant, ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return environments.require(uuid)
                .flatMap(environment -> releasedIn(environment, pacticipant)
                        .map(release -> EnvironmentViews.release(links, release, environment))
                        .collectList()
                        .map(items -> EnvironmentViews.collection("releasedVersions", items,
                                self(links, exchange, uuid, "released-versions", "currently-supported"),
                                "Currently supported released versions for " + environment.displayName())))
                .map(Hal::ok);
    }

    private Flux<Deployment> deployedIn(Environment environment, String application) {
        return application == null ? environments.currentlyDeployed(environment.uuid())
                : environments.currentlyDeployed(application, environment.name());
    }

    private Flux<Release> releasedIn(Environment environment, String application) {
        return application == null ? environments.currentlyReleased(environment.uuid())
                : environments.currentlyReleased(application, environment.name());
    }

    private static String self(Links links, ServerWebExchange exchange, String uuid, String kind, String view) {
        String query = exchange.getRequest().getURI().getRawQuery();
        return links.href("environments", uuid, kind, view) + (query == null ? "" : "?" + query);
    }
}
