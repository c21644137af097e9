package dev.covenant.registry.pacticipants;

import dev.covenant.registry.RegistryTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Applications (pacticipants), versions, branches and tags in the Pact Broker's shapes. */
class PacticipantApiTest extends RegistryTest {

    @Test
    void explicitApplicationCarriesTeamRepositoryAndMainBranch() {
        String app = unique("orders");
        http.put().uri("/applications/{a}", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"displayName\":\"Orders\",\"team\":\"checkout\",\"repositoryUrl\":\"https://git.example/orders\",\"mainBranch\":\"trunk\"}")
                .exchange().expectStatus().isCreated();
        // Saving it again changes it (200); PATCH takes the Ruby client's repository_url too.
        http.patch().uri("/pacticipants/{a}", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"repository_url\":\"https://git.example/orders\"}")
                .exchange().expectStatus().isOk();
        http.get().uri("/pacticipants/{a}", app).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.displayName").isEqualTo("Orders")
                .jsonPath("$.team").isEqualTo("checkout")
                .jsonPath("$.repositoryUrl").isEqualTo("https://git.example/orders")
                .jsonPath("$.mainBranch").isEqualTo("trunk")
                .jsonPath("$._links['pb:branch-version'].templated").isEqualTo(true);
    }

    @Test
    void branchNamesWithSlashesAreEncodedInLinksAndDecodedFromPaths() {
        String app = unique("web");
        http.put().uri(java.net.URI.create(baseUrl() + "/pacticipants/" + app + "/branches/feat%2Flogin/versions/1.2.3"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isOk();
        http.get().uri(java.net.URI.create(baseUrl() + "/pacticipants/" + app + "/branches/feat%2Flogin")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("feat/login")
                .jsonPath("$.latestVersion").isEqualTo("1.2.3")
                .jsonPath("$._links.self.href").isEqualTo(baseUrl() + "/pacticipants/" + app + "/branches/feat%2Flogin");
    }

    @Test
    void latestVersionFollowsCreationOrderAndTags() {
        String app = unique("svc");
        for (String version : List.of("2.0.0", "10.0.0", "1.0.0")) {
            http.put().uri("/pacticipants/{a}/versions/{v}", app, version).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}").exchange().expectStatus().isCreated();
        }
        http.put().uri("/pacticipants/{a}/versions/2.0.0/tags/prod", app).contentType(MediaType.APPLICATION_JSON)
                .exchange().expectStatus().isCreated();
        http.put().uri("/pacticipants/{a}/versions/2.0.0/tags/prod", app).contentType(MediaType.APPLICATION_JSON)
                .exchange().expectStatus().isOk();

        http.get().uri("/pacticipants/{a}/latest-version", app).exchange()
                .expectBody().jsonPath("$.number").isEqualTo("1.0.0");
        http.get().uri("/pacticipants/{a}/latest-version/prod", app).exchange()
                .expectBody().jsonPath("$.number").isEqualTo("2.0.0");
        http.get().uri("/pacticipants/{a}/versions", app).exchange()
                .expectBody().jsonPath("$._embedded.versions[*].number").isEqualTo(List.of("1.0.0", "10.0.0", "2.0.0"));
        http.get().uri("/pacticipants/{a}/latest-version/nope", app).exchange().expectStatus().isNotFound();
    }

    @Test
    void versionListIsPagedAsThePactBrokerPagesItNewestFirst() {
        String app = unique("paged");
        for (int n = 1; n <= 7; n++) {
            http.put().uri("/pacticipants/{a}/versions/{v}", app, "v" + n).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}").exchange().expectStatus().isCreated();
        }
        String self = baseUrl() + "/pacticipants/" + app + "/versions";

        http.get().uri("/pacticipants/{a}/versions?size=3", app).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$._embedded.versions[*].number").isEqualTo(List.of("v7", "v6", "v5"))
                .jsonPath("$.page.number").isEqualTo(1)
                .jsonPath("$.page.size").isEqualTo(3)
                .jsonPath("$.page.totalElements").isEqualTo(7)
                .jsonPath("$.page.totalPages").isEqualTo(3)
                .jsonPath("$._links.next.href").isEqualTo(self + "?size=3&page=2")
                .jsonPath("$._links.previous").doesNotExist();
        http.get().uri("/pacticipants/{a}/versions?pageSize=3&pageNumber=2", app).exchange()
                .expectBody()
                .jsonPath("$._embedded.versions[*].number").isEqualTo(List.of("v4", "v3", "v2"))
                .jsonPath("$._links.previous.href").isEqualTo(self + "?size=3&page=1");
        http.get().uri("/pacticipants/{a}/versions?size=3&page=3", app).exchange()
                .expectBody()
                .jsonPath("$._embedded.versions[*].number").isEqualTo(List.of("v1"))
                .jsonPath("$._links.next").doesNotExist();
        http.get().uri("/pacticipants/{a}/versions?size=3&page=4", app).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$._embedded.versions").isEmpty();
        http.get().uri("/pacticipants/{a}/versions", app).exchange()
                .expectBody().jsonPath("$._embedded.versions.length()").isEqualTo(7)
                .jsonPath("$.page.size").isEqualTo(100);
        for (String bad : List.of("page=0", "size=0", "size=abc", "page=-1", "size=1001")) {
            http.get().uri("/pacticipants/" + app + "/versions?" + bad).exchange()
                    .expectStatus().isBadRequest();
        }
    }

    @Test
    void mainBranchIsDetectedFromTheFirstConventionalBranch() {
        String app = unique("auto");
        http.put().uri("/pacticipants/{a}/branches/feature-x/versions/1", app).exchange().expectStatus().isOk();
        http.get().uri("/pacticipants/{a}", app).exchange().expectBody().jsonPath("$.mainBranch").doesNotExist();
        http.put().uri("/pacticipants/{a}/branches/main/versions/2", app).exchange().expectStatus().isOk();
        http.put().uri("/pacticipants/{a}/branches/develop/versions/3", app).exchange().expectStatus().isOk();
        http.get().uri("/pacticipants/{a}", app).exchange().expectBody().jsonPath("$.mainBranch").isEqualTo("main");
    }

    @Test
    void deletingABranchKeepsItsVersions() {
        String app = unique("del");
        http.put().uri("/pacticipants/{a}/branches/tmp/versions/1", app).exchange().expectStatus().isOk();
        http.delete().uri("/pacticipants/{a}/branches/tmp", app).exchange().expectStatus().isNoContent();
        http.get().uri("/pacticipants/{a}/branches/tmp", app).exchange().expectStatus().isNotFound();
        http.get().uri("/pacticipants/{a}/versions/1", app).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$._embedded.branchVersions.length()").isEqualTo(0);
        http.delete().uri("/pacticipants/{a}/branches/tmp", app).exchange().expectStatus().isNotFound();
    }

    @Test
    void badInputGetsThePactBrokerErrorShape() {
        http.post().uri("/pacticipants").contentType(MediaType.APPLICATION_JSON).bodyValue("[1,2]")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.body[0]").isEqualTo("must be a JSON object");
        http.post().uri("/pacticipants").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"  \"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.name[0]").isEqualTo("can't be blank");
        http.get().uri("/pacticipants/{a}", unique("ghost")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/hal+json;charset=utf-8")
                .expectBody().jsonPath("$.errors").exists();
    }
}
