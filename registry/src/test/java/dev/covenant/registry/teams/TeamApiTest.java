package dev.covenant.registry.teams;

import dev.covenant.registry.RegistryTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Teams own applications: ownership shows on the application, moves with the team's list, and survives deletes. */
class TeamApiTest extends RegistryTest {

    @Test
    void teamOwnsListedApplicationsAndReleasesDroppedOnes() {
        String team = unique("checkout");
        String orders = unique("orders");
        String payments = unique("payments");
        put(team, "{\"displayName\":\"Checkout\",\"contacts\":[{\"name\":\"Ada\",\"email\":\"ada@example.com\"}],"
                + "\"applications\":[\"" + orders + "\",\"" + payments + "\"]}");

        http.get().uri("/teams/{t}", team).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.displayName").isEqualTo("Checkout")
                .jsonPath("$.contacts[0].email").isEqualTo("ada@example.com")
                .jsonPath("$.applications").isEqualTo(List.of(orders, payments));
        http.get().uri("/pacticipants/{a}", orders).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.team").isEqualTo(team);

        put(team, "{\"applications\":[\"" + payments + "\"]}");
        http.get().uri("/pacticipants/{a}", orders).exchange().expectBody().jsonPath("$.team").doesNotExist();
        http.get().uri("/teams/{t}", team).exchange().expectBody()
                .jsonPath("$.applications").isEqualTo(List.of(payments))
                .jsonPath("$.contacts").isEmpty();
        http.get().uri("/teams").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$._embedded.teams[?(@.name == '" + team + "')].applications[0]").isEqualTo(payments);
    }

    @Test
    void deletingTeamLeavesItsApplicationsWithoutOwner() {
        String team = unique("search");
        String app = unique("indexer");
        put(team, "{\"applications\":[\"" + app + "\"]}");
        http.delete().uri("/teams/{t}", team).exchange().expectStatus().isNoContent();
        http.get().uri("/teams/{t}", team).exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/pacticipants/{a}", app).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.team").doesNotExist();
        http.delete().uri("/teams/{t}", team).exchange().expectStatus().isNotFound();
    }

    @Test
    void malformedTeamsAreRefusedWithTheFieldNamed() {
        String team = unique("bad");
        http.put().uri("/teams/{t}", team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"contacts\":[{\"email\":\"x@example.com\"}]}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions
                        .assertThat(detail.toString()).contains("name"));
        http.put().uri("/teams/{t}", team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"applications\":\"orders\"}")
                .exchange().expectStatus().isBadRequest();
        http.put().uri("/teams/{t}", team).contentType(MediaType.APPLICATION_JSON).bodyValue("[1,2")
                .exchange().expectStatus().isBadRequest();
        http.get().uri("/teams/{t}", team).exchange().expectStatus().isNotFound();
    }

    private void put(String team, String body) {
        http.put().uri("/teams/{t}", team).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk();
    }
}
