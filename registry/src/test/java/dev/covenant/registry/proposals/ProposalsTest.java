package dev.covenant.registry.proposals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.covenant.registry.ItemsDocument;
import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.notifications.Receiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proposals over HTTP in open mode: a provider team proposes removing a field a consumer reads; the consumer's
 * team is asked, notified, requests changes; a revision keeps the field; its approval makes the document the
 * agreed contract. Bad input is refused with problem+json and leaves nothing behind.
 */
@TestPropertySource(properties = {"covenant.notifications.allow-http=true",
        "covenant.notifications.allow-private-addresses=true", "covenant.jobs.poll-interval=50ms",
        "covenant.engine.max-document-bytes=200000"})
class ProposalsTest extends RegistryTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    final JsonMapper json = JsonMapper.builder().build();
    final Receiver ordersInbox = Receiver.start();

    final String provider = unique("inventory");
    final String reader = unique("order-service");
    final String bystander = unique("catalog-ui");
    final String owners = unique("inventory-team");
    final String orders = unique("orders-team");
    final String catalog = unique("catalog-team");

    @AfterEach
    void stop() {
        ordersInbox.close();
    }

    @Test
    void theConsumersTeamReviewsAProposalThatBreaksItsPactAndAgreesToARevisionThatKeepsTheField() {
        publishedProviderWithTwoConsumers();

        Map<String, Object> proposal = body(propose(ItemsDocument.json("2", false), "remove-quantity")
                .expectStatus().isCreated()
                .expectHeader().value("Location", location -> assertThat(location).startsWith("/proposals/")));
        String id = (String) proposal.get("id");
        assertThat(proposal).containsEntry("status", "open").containsEntry("revision", 1)
                .containsEntry("team", owners).containsEntry("base", Map.of("version", "1.0.0"));
        Map<String, Object> removal = list(proposal, "findings").stream()
                .filter(finding -> "ERR".equals(finding.get("level"))).findFirst().orElseThrow();
        assertThat(removal).containsEntry("operation", "GET /items/{id}").containsKey("fingerprint");
        assertThat((String) removal.get("ruleId")).contains("property-removed");
        assertThat(list(proposal, "impact")).singleElement().satisfies(impact -> {
            assertThat(impact).containsEntry("consumer", reader).containsEntry("team", orders);
            assertThat(list(impact, "failures")).anySatisfy(failure -> assertThat(failure)
                    .containsEntry("operation", "GET /items/{id}").containsEntry("field", "quantity"));
        });
        assertThat(list(proposal, "reviewers")).extracting(r -> r.get("team"), r -> r.get("required"), r -> r.get("decision"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(orders, true, "pending"),
                        org.assertj.core.groups.Tuple.tuple(catalog, false, "pending"));
        assertThat(ids(http.get().uri("/teams/{t}/proposals?awaiting=true", orders))).containsExactly(id);
        assertThat(ids(http.get().uri("/teams/{t}/proposals?awaiting=true", catalog))).isEmpty();

        JsonNode opened = awaitMessage("proposal.opened");
        assertThat(opened.path("proposalUrl").asString()).isEqualTo(baseUrl() + "/proposals/" + id);
        JsonNode affected = opened.path("affected").get(0);
        assertThat(affected.path("team").asString()).isEqualTo(orders);
        assertThat(affected.path("role").asString()).isEqualTo("required-reviewer");
        assertThat(affected.path("failures").findValuesAsString("field")).contains("quantity");
        assertThat(ordersInbox.received().get(0).header("X-Covenant-Signature")).startsWith("sha256=");

        review(id, Map.of("team", unique("stranger"), "decision", "approve")).expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        Map<String, Object> changesRequested = body(review(id, Map.of("team", orders, "decision", "request-changes",
                "comment", "order-service shows quantity; keep it", "fingerprint", removal.get("fingerprint")))
                .expectStatus().isCreated());
        assertThat(reviewer(changesRequested, orders)).containsEntry("decision", "changes-requested").containsEntry("revision", 1);
        assertThat(list(changesRequested, "comments")).singleElement().satisfies(comment -> assertThat(comment)
                .containsEntry("team", orders).containsEntry("revision", 1).containsEntry("fingerprint", removal.get("fingerprint")));

        Map<String, Object> revised = body(http.put().uri("/proposals/{id}/document", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("document", withColour(ItemsDocument.json("2", true)))).exchange()
                .expectStatus().isOk());
        assertThat(revised).containsEntry("revision", 2);
        assertThat(list(revised, "findings")).noneMatch(finding -> "ERR".equals(finding.get("level")));
        assertThat(list(revised, "impact")).isEmpty();
        assertThat(reviewer(revised, orders)).containsEntry("decision", "pending");
        assertThat(list(revised, "comments")).singleElement().satisfies(c -> assertThat(c).containsEntry("revision", 1));

        review(id, Map.of("team", orders, "decision", "approve", "revision", 1)).expectStatus().isEqualTo(409);
        Map<String, Object> agreed = body(review(id, Map.of("team", orders, "decision", "approve", "revision", 2))
                .expectStatus().isCreated());
        assertThat(agreed).containsEntry("status", "agreed").containsKey("agreedAt");
        assertThat(ids(http.get().uri("/teams/{t}/proposals?awaiting=true", orders))).isEmpty();
        assertThat(ids(http.get().uri("/applications/{a}/proposals?status=agreed", provider))).containsExactly(id);

        http.get().uri("/applications/{a}/agreed", provider).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Covenant-Proposal", id + ";revision=2")
                .expectHeader().value("Link", link -> assertThat(link).contains("/proposals/" + id))
                .expectBody(String.class).value(document -> assertThat(document).contains("colour", "quantity"));
        Map<String, Object> history = body(http.get().uri("/applications/{a}/agreements", provider).exchange()
                .expectStatus().isOk());
        assertThat(list(history, "agreements")).singleElement().satisfies(agreement -> assertThat(agreement)
                .containsEntry("proposalId", id).containsEntry("revision", 2).containsEntry("teams", List.of(orders)));
        assertThat(awaitMessage("proposal.agreed").path("summary").asString()).contains("agreed");

        review(id, Map.of("team", orders, "decision", "approve")).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.put().uri("/proposals/{id}/document", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("document", ItemsDocument.json("3", false))).exchange().expectStatus().isEqualTo(409);
        http.post().uri("/proposals/{id}/withdraw", id).exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void aRetriedProposalOrReviewChangesNothing() {
        publishedProviderWithTwoConsumers();
        String first = (String) body(propose(ItemsDocument.json("2", false), "same-key").expectStatus().isCreated()).get("id");
        String retried = (String) body(propose(ItemsDocument.json("2", false), "same-key").expectStatus().isCreated()).get("id");
        assertThat(retried).isEqualTo(first);

        review(first, Map.of("team", orders, "decision", "request-changes", "comment", "keep quantity"));
        Map<String, Object> again = body(review(first, Map.of("team", orders, "decision", "request-changes",
                "comment", "keep quantity")).expectStatus().isCreated());
        assertThat(list(again, "comments")).hasSize(1);
        assertThat(ids(http.get().uri("/applications/{a}/proposals", provider))).containsExactly(first);
    }

    @Test
    void withdrawnProposalsTakeNoReviews() {
        publishedProviderWithTwoConsumers();
        String id = (String) body(propose(ItemsDocument.json("2", false), null).expectStatus().isCreated()).get("id");

        body(http.post().uri("/proposals/{id}/withdraw", id).exchange().expectStatus().isOk());
        http.get().uri("/proposals/{id}", id).exchange().expectBody().jsonPath("$.status").isEqualTo("withdrawn");
        review(id, Map.of("team", orders, "decision", "approve")).expectStatus().isEqualTo(409);
        http.post().uri("/proposals/{id}/comments", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("team", orders, "text", "too late")).exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void anInvalidDocumentIsRefusedWithEveryProblemAndNothingIsStored() {
        String newInterface = unique("payments");
        String invalid = """
                {"openapi": "3.0.3", "info": {"title": "Payments", "version": "1"},
                 "paths": {"/payments": {"get": {"responses": {"200": {"description": "ok",
                   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}}}},
                   "post": {"responses": {"201": {"description": "ok",
                   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Gone"}}}}}}}}}
                """;
        Map<String, Object> problem = body(http.post().uri("/applications/{a}/proposals", newInterface)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "payments", "team", owners, "document", invalid)).exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(list(problem, "violations")).extracting(violation -> (String) violation.get("message"))
                .anySatisfy(message -> assertThat(message).contains("Missing"))
                .anySatisfy(message -> assertThat(message).contains("Gone"));
        http.get().uri("/applications/{a}", newInterface).exchange().expectStatus().isNotFound();
        assertThat(ids(http.get().uri("/applications/{a}/proposals", newInterface))).isEmpty();

        Map<String, Object> missing = body(http.post().uri("/applications/{a}/proposals", newInterface)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reviewers", List.of(1))).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((String) missing.get("detail")).contains("title", "document", "reviewers");
        http.get().uri("/applications/{a}", newInterface).exchange().expectStatus().isNotFound();
    }

    @Test
    void anOversizedDocumentIs413AndAnUnknownProposal404() {
        String newInterface = unique("big");
        String big = ItemsDocument.json("1", true).replace("\"Items\"", "\"" + "x".repeat(250_000) + "\"");
        http.post().uri("/applications/{a}/proposals", newInterface).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "big", "document", big)).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/applications/{a}", newInterface).exchange().expectStatus().isNotFound();
        http.get().uri("/proposals/{id}", "nope").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/proposals/{id}/reviews", "nope").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("team", orders, "decision", "approve")).exchange().expectStatus().isNotFound();
    }

    @Test
    void aNewInterfaceIsCreatedOwnedByTheProposingTeamWhichApprovesIt() {
        String newInterface = unique("payments");
        Map<String, Object> proposal = body(http.post().uri("/applications/{a}/proposals", newInterface)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "payments v1", "team", owners, "document", ItemsDocument.json("1", true)))
                .exchange().expectStatus().isCreated());
        assertThat(proposal).containsEntry("base", null);
        assertThat(list(proposal, "reviewers")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("team", owners).containsEntry("required", true));
        http.get().uri("/applications/{a}", newInterface).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.team").isEqualTo(owners);
        http.get().uri("/applications/{a}/agreed", newInterface).exchange().expectStatus().isNotFound();

        body(review((String) proposal.get("id"), Map.of("team", owners, "decision", "approve")).expectStatus().isCreated());
        http.get().uri("/applications/{a}/agreed", newInterface).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON);
    }

    // --- helpers

    void publishedProviderWithTwoConsumers() {
        team(owners, provider);
        team(orders, reader);
        team(catalog, bystander);
        http.post().uri("/teams/{t}/subscriptions", orders).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", ordersInbox.url("/hook"), "format", "json", "secret", "s3cret")).exchange()
                .expectStatus().isCreated();
        http.put().uri("/applications/{a}/versions/1.0.0/openapi?branch=main", provider)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ItemsDocument.json("1", true)).exchange()
                .expectStatus().isCreated();
        publishPact(reader, true);
        publishPact(bystander, false);
    }

    WebTestClient.ResponseSpec propose(String document, String key) {
        WebTestClient.RequestBodySpec request = http.post().uri("/applications/{a}/proposals", provider)
                .contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.bodyValue(Map.of("title", "Drop quantity", "team", owners, "document", document)).exchange();
    }

    WebTestClient.ResponseSpec review(String id, Map<String, Object> review) {
        return http.post().uri("/proposals/{id}/reviews", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(review).exchange();
    }

    JsonNode awaitMessage(String type) {
        await().atMost(Duration.ofSeconds(60)).until(() -> ordersInbox.received().stream()
                .anyMatch(received -> type.equals(received.header("X-Covenant-Event"))));
        return json.readTree(ordersInbox.received().stream()
                .filter(received -> type.equals(received.header("X-Covenant-Event")))
                .findFirst().orElseThrow().body());
    }

    static String withColour(String document) {
        return document.replace("\"name\": {\"type\": \"string\"}", "\"name\": {\"type\": \"string\"}, \"colour\": {\"type\": \"string\"}");
    }

    void team(String team, String application) {
        http.put().uri("/teams/{t}", team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("applications", List.of(application))).exchange().expectStatus().isOk();
    }

    void publishPact(String consumer, boolean readsQuantity) {
        String body = readsQuantity ? "{\"id\": \"42\", \"quantity\": 3}" : "{\"id\": \"42\", \"name\": \"bolt\"}";
        String pact = """
                {"consumer": {"name": "%s"}, "provider": {"name": "%s"},
                 "interactions": [{"description": "get item 42", "request": {"method": "GET", "path": "/items/42"},
                   "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": %s}}],
                 "metadata": {"pactSpecification": {"version": "3.0.0"}}}
                """.formatted(consumer, provider, body);
        http.put().uri("/pacticipants/{c}/branches/main/versions/1", consumer).exchange().expectStatus().isOk();
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact).exchange().expectStatus().is2xxSuccessful();
    }

    Map<String, Object> body(WebTestClient.ResponseSpec response) {
        return response.expectBody(JSON).returnResult().getResponseBody();
    }

    List<String> ids(WebTestClient.RequestHeadersSpec<?> request) {
        Map<String, Object> body = body(request.exchange().expectStatus().isOk());
        return list(body, "proposals").stream().map(p -> (String) p.get("id")).toList();
    }

    static Map<String, Object> reviewer(Map<String, Object> proposal, String team) {
        return list(proposal, "reviewers").stream().filter(r -> team.equals(r.get("team"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        Object value = map.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }
}
