package dev.covenant.registry.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.ItemsDocument;
import dev.covenant.registry.SecuredRegistryTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Proposals in secured mode: the token's team proposes; only it (or an admin) revises or withdraws; only a
 * reviewer team's tokens review, an admin acting for a team is recorded as such; every action is audited.
 */
class SecuredProposalsTest extends SecuredRegistryTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    final String provider = unique("inventory");
    final String reader = unique("order-service");
    final String inventoryTeam = unique("inv");
    final String ordersTeam = unique("ord");
    final String otherTeam = unique("cat");
    String inventory;
    String orders;
    String other;
    String readOnly;

    @BeforeEach
    void teamsAndContracts() {
        inventory = createToken(unique("inventory-ci"), "publish", inventoryTeam);
        orders = createToken(unique("orders-ci"), "publish", ordersTeam);
        other = createToken(unique("catalog-ci"), "publish", otherTeam);
        readOnly = createToken(unique("viewer"), "read", null);
        assignTeam(provider, inventoryTeam);
        assignTeam(reader, ordersTeam);
        as(inventory).put().uri("/applications/{a}/versions/1.0.0/openapi?branch=main", provider)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ItemsDocument.json("1", true)).exchange()
                .expectStatus().isCreated();
        String pact = """
                {"consumer": {"name": "%s"}, "provider": {"name": "%s"},
                 "interactions": [{"description": "get item 42", "request": {"method": "GET", "path": "/items/42"},
                   "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                   "body": {"id": "42", "quantity": 3}}}],
                 "metadata": {"pactSpecification": {"version": "3.0.0"}}}
                """.formatted(reader, provider);
        as(orders).put().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, reader)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact).exchange().expectStatus().is2xxSuccessful();
    }

    @Test
    void onlyTheProposingTeamRevisesAndWithdrawsAndOnlyReviewerTeamsReview() {
        Map<String, Object> proposal = body(propose(inventory, Map.of("title", "drop quantity",
                "document", ItemsDocument.json("2", false))).expectStatus().isCreated());
        String id = (String) proposal.get("id");
        assertThat(proposal).containsEntry("team", inventoryTeam);
        assertThat(ProposalsTest.reviewer(proposal, ordersTeam)).containsEntry("required", true);

        propose(orders, Map.of("title", "as another team", "team", inventoryTeam,
                "document", ItemsDocument.json("2", false))).expectStatus().isForbidden();
        as(other).put().uri("/proposals/{id}/document", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("document", ItemsDocument.json("3", true))).exchange().expectStatus().isForbidden();
        as(other).post().uri("/proposals/{id}/withdraw", id).exchange().expectStatus().isForbidden();
        review(other, id, Map.of("decision", "approve")).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        review(orders, id, Map.of("team", inventoryTeam, "decision", "approve")).expectStatus().isForbidden();
        review(readOnly, id, Map.of("team", ordersTeam, "decision", "approve")).expectStatus().isForbidden();
        assertThat(ProposalsTest.reviewer(get(id), ordersTeam)).containsEntry("decision", "pending");

        Map<String, Object> revised = body(as(inventory).put().uri("/proposals/{id}/document", id)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("document", ItemsDocument.json("2", true)))
                .exchange().expectStatus().isOk());
        assertThat(revised).containsEntry("revision", 2);

        Map<String, Object> agreed = body(review(admin(), id, Map.of("team", ordersTeam, "decision", "approve"))
                .expectStatus().isCreated());
        assertThat(agreed).containsEntry("status", "agreed");
        assertThat((String) ProposalsTest.reviewer(agreed, ordersTeam).get("by"))
                .startsWith("admin ").endsWith("for team " + ordersTeam);

        String audit = admin().get().uri("/admin/audit?limit=1000").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(audit).contains("/applications/" + provider + "/proposals", "/proposals/" + id + "/document",
                "/proposals/" + id + "/reviews", "/proposals/" + id + "/withdraw");
    }

    @Test
    void aConsumerTeamMayProposeAChangeToAProviderItDoesNotOwnAndTheOwnerMustApprove() {
        Map<String, Object> proposal = body(propose(orders, Map.of("title", "add a colour",
                "document", ProposalsTest.withColour(ItemsDocument.json("2", true)))).expectStatus().isCreated());

        assertThat(proposal).containsEntry("team", ordersTeam);
        assertThat(list(proposal, "reviewers")).extracting(r -> r.get("team"), r -> r.get("required"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(inventoryTeam, true),
                        org.assertj.core.groups.Tuple.tuple(ordersTeam, false));
        as(readOnly).post().uri("/applications/{a}/proposals", provider).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "read only", "document", ItemsDocument.json("2", true))).exchange()
                .expectStatus().isForbidden();
    }

    WebTestClient.ResponseSpec propose(String token, Map<String, Object> body) {
        return as(token).post().uri("/applications/{a}/proposals", provider).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec review(String token, String id, Map<String, Object> body) {
        return review(as(token), id, body);
    }

    WebTestClient.ResponseSpec review(WebTestClient client, String id, Map<String, Object> body) {
        return client.post().uri("/proposals/{id}/reviews", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    Map<String, Object> get(String id) {
        return body(as(readOnly).get().uri("/proposals/{id}", id).exchange().expectStatus().isOk());
    }

    Map<String, Object> body(WebTestClient.ResponseSpec response) {
        return response.expectBody(JSON).returnResult().getResponseBody();
    }

    static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return ProposalsTest.list(map, key);
    }
}
