package dev.covenant.registry.environments;

import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.JsonBodies;
import dev.covenant.registry.system.Links;
import dev.covenant.registry.system.Names;
import dev.covenant.registry.system.UnprocessableRequestException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Pact Broker-compatible deployed-version and released-version resources (record-deployment, …). */
@RestController
class DeploymentController {

    private final Deployments deployments;
    private final Environments environments;
    private final JsonMapper json;

    DeploymentController(Deployments deployments, Environments environments, JsonMapper json) {
        this.deployments = deployments;
        this.environments = environments;
        this.json = json;
    }

    @PostMapping("/pacticipants/{name}/versions/{version}/deployed-versions/environment/{uuid}")
    Mono<ResponseEntity<Map<String, Object>>> recordDeployment(@PathVariable String name,
            @PathVariable String version, @PathVariable String uuid, ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return Bodies.read(exchange.getRequest(), JsonBodies.MAX_BODY)
                .map(body -> JsonBodies.object(json, body))
                .zipWith(environments.require(uuid))
                .flatMap(found -> deployments.recordDeployment(name, version, uuid,
                        applicationInstance(found.getT1(), found.getT2())))
                .flatMap(deployment -> deploymentView(links, deployment)
                        .map(view -> created(links.href("deployed-versions", deployment.uuid()), view)));
    }

    @GetMapping("/deployed-versions/{uuid}")
    Mono<ResponseEntity<Map<String, Object>>> deployment(@PathVariable String uuid, ServerWebExchange exchange) {
        return deployments.deployment(uuid)
                .flatMap(deployment -> deploymentView(Links.of(exchange), deployment))
                .map(Hal::ok);
    }

    /** {@code {"currentlyDeployed":false}} records the undeployment; setting it to true is refused. */
    @PatchMapping("/deployed-versions/{uuid}")
    Mono<ResponseEntity<Map<String, Object>>> patchDeployment(@PathVariable String uuid, ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), JsonBodies.MAX_BODY)
                .map(body -> JsonBodies.object(json, body))
                .flatMap(body -> undeploy(uuid, JsonBodies.optionalBoolean(body, "currentlyDeployed")))
                .flatMap(deployment -> deploymentView(Links.of(exchange), deployment))
                .map(Hal::ok);
    }

    @PostMapping("/pacticipants/{name}/versions/{version}/released-versions/environment/{uuid}")
    Mono<ResponseEntity<Map<String, Object>>> recordRelease(@PathVariable String name, @PathVariable String version,
            @PathVariable String uuid, ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return Bodies.read(exchange.getRequest(), JsonBodies.MAX_BODY)
                .map(body -> JsonBodies.object(json, body))
                .then(deployments.recordRelease(name, version, uuid))
                .flatMap(recorded -> releaseView(links, recorded.value())
                        .map(view -> recorded.created()
                                ? created(links.href("released-versions", recorded.value().uuid()), view)
                                : Hal.ok(view)));
    }

    @GetMapping("/released-versions/{uuid}")
    Mono<ResponseEntity<Map<String, Object>>> release(@PathVariable String uuid, ServerWebExchange exchange) {
        return deployments.release(uuid)
                .flatMap(release -> releaseView(Links.of(exchange), release))
                .map(Hal::ok);
    }

    /** {@code {"currentlySupported":false}} records that support ended; setting it to true is refused. */
    @PatchMapping("/released-versions/{uuid}")
    Mono<ResponseEntity<Map<String, Object>>> patchRelease(@PathVariable String uuid, ServerWebExchange exchange) {
        return Bodies.read(exchange.getRequest(), JsonBodies.MAX_BODY)
                .map(body -> JsonBodies.object(json, body))
                .flatMap(body -> endSupport(uuid, JsonBodies.optionalBoolean(body, "currentlySupported")))
                .flatMap(release -> releaseView(Links.of(exchange), release))
                .map(Hal::ok);
    }

    private Mono<Deployment> undeploy(String uuid, Boolean currentlyDeployed) {
        if (currentlyDeployed == null) {
            return deployments.deployment(uuid);
        }
        if (currentlyDeployed) {
            return Mono.error(new UnprocessableRequestException("currentlyDeployed",
                    "currentlyDeployed can only be set to false; record a new deployment instead"));
        }
        return deployments.undeploy(uuid);
    }

    private Mono<Release> endSupport(String uuid, Boolean currentlySupported) {
        if (currentlySupported == null) {
            return deployments.release(uuid);
        }
        if (currentlySupported) {
            return Mono.error(new InvalidRequestException("currentlySupported",
                    "currentlySupported can only be set to false; record the release again instead"));
        }
        return deployments.endSupport(uuid);
    }

    private Mono<Map<String, Object>> deploymentView(Links links, Deployment deployment) {
        return environments.require(deployment.environmentUuid())
                .map(environment -> EnvironmentViews.deployment(links, deployment, environment));
    }

    private Mono<Map<String, Object>> releaseView(Links links, Release release) {
        return environments.require(release.environmentUuid())
                .map(environment -> EnvironmentViews.release(links, release, environment));
    }

    private static ResponseEntity<Map<String, Object>> created(String location, Map<String, Object> view) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create(location))
                .contentType(Hal.HAL_JSON)
                .body(view);
    }

    /**
     * The instance deployed to: {@code applicationInstance}, else the legacy {@code target}. The Rust pact CLI
     * always sends {@code target} set to the environment's name, which is not an instance, so that is ignored.
     */
    private static String applicationInstance(JsonNode body, Environment environment) {
        String instance = body.has("applicationInstance") ? JsonBodies.optionalString(body, "applicationInstance")
                : target(body, environment);
        return instance == null || instance.isBlank() ? null : Names.require("applicationInstance", instance);
    }

    private static String target(JsonNode body, Environment environment) {
        String target = JsonBodies.optionalString(body, "target");
        return environment.name().equals(target) ? null : target;
    }
}
