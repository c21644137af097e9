package dev.covenant.registry.environments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Environments in the Pact Broker's shapes: create, list, find by name, read, replace, delete. */
class EnvironmentApiTest extends RegistryTest {

    @Test
    void createdEnvironmentHasUuidDerivedDisplayNameAndLinks() {
        // The suffix starts with a digit: a hex suffix starting with a letter would be capitalized too.
        String name = unique("pre-prod-0").replace("pre-prod-0-", "pre-prod-0");
        Map<?, ?> created = http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\",\"production\":false,"
                        + "\"contacts\":[{\"name\":\"Ops\",\"details\":{\"emailAddress\":\"ops@example.com\"}}]}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().contentType("application/hal+json;charset=utf-8")
                .expectBody(Map.class).returnResult().getResponseBody();
        String uuid = (String) created.get("uuid");
        assertThat(uuid).matches("[0-9a-f-]{36}");

        http.get().uri("/environments/{u}", uuid).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo(name)
                .jsonPath("$.displayName").isEqualTo("Pre Prod " + capitalized(name.substring("pre-prod-".length())))
                .jsonPath("$.production").isEqualTo(false)
                .jsonPath("$.contacts[0].details.emailAddress").isEqualTo("ops@example.com")
                .jsonPath("$._links.self.href").isEqualTo(baseUrl() + "/environments/" + uuid)
                .jsonPath("$._links['pb:currently-deployed-deployed-versions'].href")
                .isEqualTo(baseUrl() + "/environments/" + uuid + "/deployed-versions/currently-deployed")
                .jsonPath("$._links['pb:currently-supported-released-versions'].href")
                .isEqualTo(baseUrl() + "/environments/" + uuid + "/released-versions/currently-supported");
    }

    @Test
    void environmentsAreListedAndFoundByName() {
        String name = unique("staging");
        String uuid = Fixtures.environment(http, name, false);
        http.get().uri("/environments").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$._embedded.environments[?(@.uuid == '" + uuid + "')].name").isEqualTo(name);
        http.get().uri("/environments?name={n}", name).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$._embedded.environments.length()").isEqualTo(1)
                .jsonPath("$._embedded.environments[0].uuid").isEqualTo(uuid);
        http.get().uri("/environments?name=nothing-by-this-name").exchange()
                .expectBody().jsonPath("$._embedded.environments.length()").isEqualTo(0);
    }

    @Test
    void duplicateNameIsRefusedInThePactBrokerErrorShape() {
        String name = unique("prod");
        Fixtures.environment(http, name, true);
        http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\",\"production\":true}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.name[0]").isEqualTo("Another environment with name '" + name + "' already exists.");
    }

    @Test
    void invalidEnvironmentsAreRefusedWithFieldErrors() {
        http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"has spaces\",\"production\":\"yes\",\"contacts\":[{\"details\":{}}]}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.name[0]").isEqualTo("name cannot contain spaces")
                .jsonPath("$.errors.production[0]").isEqualTo("production must be true or false")
                .jsonPath("$.errors.contacts[0]").isEqualTo("name is missing at index 0");
        http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + unique("big") + "\",\"production\":true,"
                        + "\"contacts\":[{\"name\":\"x\",\"details\":{\"n\":123456789012345678901234567890}}]}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.contacts[0]").exists();
        http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.body").exists();
        http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON).bodyValue("[1]")
                .exchange()
                .expectStatus().isBadRequest();
        http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":7,\"production\":true}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.name[0]").isEqualTo("name must be a string");
    }

    @Test
    void environmentIsReplacedAndDeleted() {
        String uuid = Fixtures.environment(http, unique("qa"), false);
        String renamed = unique("test");
        http.put().uri("/environments/{u}", uuid).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + renamed + "\",\"displayName\":\"Test\",\"production\":true}")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo(renamed)
                .jsonPath("$.displayName").isEqualTo("Test")
                .jsonPath("$.production").isEqualTo(true)
                .jsonPath("$.updatedAt").exists();
        http.delete().uri("/environments/{u}", uuid).exchange().expectStatus().isNoContent();
        http.get().uri("/environments/{u}", uuid).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors").exists();
        http.delete().uri("/environments/{u}", uuid).exchange().expectStatus().isNotFound();
    }

    @Test
    void renamingToATakenNameIsRefused() {
        String taken = unique("uat");
        Fixtures.environment(http, taken, false);
        String uuid = Fixtures.environment(http, unique("sit"), false);
        http.put().uri("/environments/{u}", uuid).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + taken + "\",\"production\":false}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.name[0]").isEqualTo("Another environment with name '" + taken + "' already exists.");
        http.put().uri("/environments/unknown-uuid").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"x\",\"production\":false}")
                .exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void indexLinksToEnvironments() {
        http.get().uri("/").exchange()
                .expectBody()
                .jsonPath("$._links['pb:environments'].href").isEqualTo(baseUrl() + "/environments")
                .jsonPath("$._links['pb:environment'].href").isEqualTo(baseUrl() + "/environments/{uuid}")
                .jsonPath("$._links['pb:environment'].templated").isEqualTo(true);
    }

    /** The display name capitalises each word, including the unique suffix when it starts with a letter. */
    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
