package dev.covenant.registry.environments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.system.Links;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Recording deployments, what is currently deployed, and undeploying, as the pact CLI drives them. */
class DeploymentApiTest extends RegistryTest {

    @Autowired
    Environments environments;

    @Test
    void versionLinksToRecordDeploymentAndReleaseForEveryEnvironment() {
        String app = unique("orders");
        String env = unique("prod");
        String uuid = Fixtures.environment(http, env, true);
        Fixtures.version(http, app, "1.0.0");
        String version = baseUrl() + "/pacticipants/" + app + "/versions/1.0.0";
        http.get().uri("/pacticipants/{a}/versions/1.0.0", app).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$._links['pb:record-deployment'][?(@.name == '" + env + "')].href")
                .isEqualTo(version + "/deployed-versions/environment/" + uuid)
                .jsonPath("$._links['pb:record-release'][?(@.name == '" + env + "')].href")
                .isEqualTo(version + "/released-versions/environment/" + uuid)
                .jsonPath("$._links['pb:record-deployment'][?(@.name == '" + env + "')].title")
                .isEqualTo("Record deployment to " + EnvironmentRequest.displayNameOf(env));
        // The version list carries the same relations on each version (the Pact Broker's clients read them there).
        http.get().uri("/pacticipants/{a}/versions", app).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$._embedded.versions[0]._links['pb:record-deployment'][?(@.name == '" + env + "')].href")
                .isEqualTo(version + "/deployed-versions/environment/" + uuid)
                .jsonPath("$._embedded.versions[0]._links['pb:record-release'][?(@.name == '" + env + "')].href")
                .isEqualTo(version + "/released-versions/environment/" + uuid);
    }

    @Test
    void recordDeploymentLinkWorksForNamesThatNeedEncoding() {
        String app = unique("team/orders service");
        String env = Fixtures.environment(http, unique("prod"), true);
        Fixtures.version(http, app, "1.0/rc 1");
        String version = baseUrl() + "/pacticipants/" + Links.encode(app) + "/versions/" + Links.encode("1.0/rc 1");
        Map<?, ?> body = http.get().uri(URI.create(version)).exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        List<?> records = (List<?>) ((Map<?, ?>) body.get("_links")).get("pb:record-deployment");
        String href = records.stream().map(Map.class::cast)
                .filter(link -> link.get("href").toString().endsWith(env))
                .map(link -> link.get("href").toString())
                .findFirst().orElseThrow();
        assertThat(href).isEqualTo(version + "/deployed-versions/environment/" + env);
        http.post().uri(URI.create(href)).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$._embedded.pacticipant.name").isEqualTo(app)
                .jsonPath("$._embedded.version.number").isEqualTo("1.0/rc 1")
                .jsonPath("$._embedded.version._links.self.href").isEqualTo(version);
    }

    @Test
    void deployingReturnsTheDeployedVersionWithItsVersionAndEnvironment() {
        String app = unique("orders");
        String env = Fixtures.environment(http, unique("prod"), true);
        Fixtures.version(http, app, "1.0.0");
        http.post().uri("/pacticipants/{a}/versions/1.0.0/deployed-versions/environment/{e}", app, env)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"applicationInstance\":\"blue\"}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().contentType("application/hal+json;charset=utf-8")
                .expectBody()
                .jsonPath("$.uuid").exists()
                .jsonPath("$.currentlyDeployed").isEqualTo(true)
                .jsonPath("$.applicationInstance").isEqualTo("blue")
                .jsonPath("$.createdAt").exists()
                .jsonPath("$.undeployedAt").doesNotExist()
                .jsonPath("$._embedded.version.number").isEqualTo("1.0.0")
                .jsonPath("$._embedded.pacticipant.name").isEqualTo(app)
                .jsonPath("$._embedded.environment.uuid").isEqualTo(env)
                .jsonPath("$._links.self.href").value(href -> assertThat((String) href)
                        .startsWith(baseUrl() + "/deployed-versions/"));
    }

    @Test
    void deployingTheSameVersionAgainReturnsTheSameRecord() {
        String app = unique("orders");
        String env = Fixtures.environment(http, unique("prod"), true);
        Fixtures.version(http, app, "1.0.0");
        String first = Fixtures.deploy(http, app, "1.0.0", env, null);
        String again = Fixtures.deploy(http, app, "1.0.0", env, null);
        assertThat(again).isEqualTo(first);
        http.get().uri("/environments/{e}/deployed-versions/currently-deployed?pacticipant={a}", env, app).exchange()
                .expectBody().jsonPath("$._embedded.deployedVersions.length()").isEqualTo(1);
    }

    @Test
    void deployingANewVersionUndeploysThePreviousOneOfTheSameInstanceOnly() {
        String app = unique("orders");
        String env = Fixtures.environment(http, unique("prod"), true);
        for (String number : List.of("1", "2", "3")) {
            Fixtures.version(http, app, number);
        }
        String first = Fixtures.deploy(http, app, "1", env, "eu");
        String otherInstance = Fixtures.deploy(http, app, "2", env, "us");
        Fixtures.deploy(http, app, "3", env, "eu");

        http.get().uri("/deployed-versions/{d}", first).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.currentlyDeployed").isEqualTo(false)
                .jsonPath("$.undeployedAt").exists();
        http.get().uri("/deployed-versions/{d}", otherInstance).exchange()
                .expectBody().jsonPath("$.currentlyDeployed").isEqualTo(true);
        http.get().uri("/environments/{e}/deployed-versions/currently-deployed?pacticipant={a}", env, app).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$._embedded.deployedVersions[*]._embedded.version.number")
                .value(numbers -> assertThat((List<String>) numbers).containsExactlyInAnyOrder("2", "3"));
        http.get().uri("/environments/{e}/deployed-versions/currently-deployed?pacticipant={a}&applicationInstance=us",
                        env, app).exchange()
                .expectBody().jsonPath("$._embedded.deployedVersions[*].applicationInstance").isEqualTo(List.of("us"));
    }

    @Test
    void patchingCurrentlyDeployedFalseUndeploys() {
        String app = unique("orders");
        String env = Fixtures.environment(http, unique("prod"), true);
        Fixtures.version(http, app, "1");
        String deployed = Fixtures.deploy(http, app, "1", env, null);
        for (int attempt = 0; attempt < 2; attempt++) {
            http.patch().uri("/deployed-versions/{d}", deployed)
                    .contentType(MediaType.parseMediaType("application/merge-patch+json"))
                    .bodyValue("{\"currentlyDeployed\":false}")
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.currentlyDeployed").isEqualTo(false)
                    .jsonPath("$.undeployedAt").exists();
        }
        http.get().uri("/environments/{e}/deployed-versions/currently-deployed?pacticipant={a}", env, app).exchange()
                .expectBody().jsonPath("$._embedded.deployedVersions.length()").isEqualTo(0);
        http.patch().uri("/deployed-versions/{d}", deployed).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"currentlyDeployed\":\"no\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.currentlyDeployed").exists();
        // Putting a deployment back is well-formed but refused, with the Pact Broker's status.
        http.patch().uri("/deployed-versions/{d}", deployed).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"currentlyDeployed\":true}")
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors.currentlyDeployed").exists();
    }

    @Test
    void unknownEnvironmentVersionOrDeploymentIsNotFound() {
        String app = unique("orders");
        String env = Fixtures.environment(http, unique("prod"), true);
        Fixtures.version(http, app, "1");
        http.post().uri("/pacticipants/{a}/versions/2/deployed-versions/environment/{e}", app, env)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors").exists();
        http.post().uri("/pacticipants/{a}/versions/1/deployed-versions/environment/nope", app)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isNotFound();
        http.get().uri("/deployed-versions/nope").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors").exists();
        http.get().uri("/environments/nope/deployed-versions/currently-deployed").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void malformedDeploymentBodiesAreRefusedAndNothingIsStored() {
        String app = unique("orders");
        String env = Fixtures.environment(http, unique("prod"), true);
        Fixtures.version(http, app, "1");
        for (String body : List.of("{\"applicationInstance\":", "{\"applicationInstance\":5}", "[]",
                "{\"applicationInstance\":\"a\\u0001b\"}")) {
            http.post().uri("/pacticipants/{a}/versions/1/deployed-versions/environment/{e}", app, env)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors").exists();
        }
        http.get().uri("/environments/{e}/deployed-versions/currently-deployed", env).exchange()
                .expectBody().jsonPath("$._embedded.deployedVersions.length()").isEqualTo(0);
    }

    @Test
    void queryApiAnswersWhatIsDeployedWhere() {
        String app = unique("orders");
        String name = unique("prod");
        String env = Fixtures.environment(http, name, true);
        Fixtures.version(http, app, "1");
        Fixtures.version(http, app, "2");
        Fixtures.deploy(http, app, "1", env, null);
        Fixtures.release(http, app, "2", env);

        assertThat(environments.byName(name).block().uuid()).isEqualTo(env);
        assertThat(environments.currentlyDeployed(app, name).map(Deployment::version).collectList().block())
                .containsExactly("1");
        assertThat(environments.currentlyDeployed(env).filter(deployment -> deployment.application().equals(app))
                .map(Deployment::environmentName).collectList().block()).containsExactly(name);
        assertThat(environments.currentlyReleased(app, name).map(Release::version).collectList().block())
                .containsExactly("2");
        assertThat(environments.deployedOrReleased(app)
                .map(item -> item.getClass().getSimpleName() + ":" + item.version() + "@" + item.environmentName())
                .collectList().block())
                .containsExactly("Deployment:1@" + name, "Release:2@" + name);
        assertThat(environments.deployedOrReleased(app, name).map(EnvironmentVersion::version).collectList().block())
                .containsExactly("1", "2");
        assertThat(environments.deployedOrReleased(app, "no-such-environment").collectList().block()).isEmpty();
    }

    @Test
    void deletingAnEnvironmentForgetsWhatWasDeployedThere() {
        String app = unique("orders");
        String env = Fixtures.environment(http, unique("prod"), true);
        Fixtures.version(http, app, "1");
        String deployed = Fixtures.deploy(http, app, "1", env, null);
        http.delete().uri("/environments/{e}", env).exchange().expectStatus().isNoContent();
        http.get().uri("/deployed-versions/{d}", deployed).exchange().expectStatus().isNotFound();
        assertThat(environments.deployedOrReleased(app).collectList().block()).isEmpty();
        http.get().uri("/pacticipants/{a}/versions/1", app).exchange()
                .expectBody().jsonPath("$._links['pb:record-deployment'][?(@.href =~ /.*" + env + "/)]").isEmpty();
    }

    @Test
    void concurrentDeploymentsOfOneInstanceLeaveExactlyOneCurrent() {
        String app = unique("orders");
        String env = Fixtures.environment(http, unique("prod"), true);
        List<String> numbers = List.of("1", "2", "3", "4", "5", "6");
        numbers.forEach(number -> Fixtures.version(http, app, number));
        numbers.parallelStream().forEach(number -> Fixtures.deploy(http, app, number, env, null));
        Map<?, ?> current = http.get()
                .uri("/environments/{e}/deployed-versions/currently-deployed?pacticipant={a}", env, app).exchange()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<?>) ((Map<?, ?>) current.get("_embedded")).get("deployedVersions")).hasSize(1);
    }
}
