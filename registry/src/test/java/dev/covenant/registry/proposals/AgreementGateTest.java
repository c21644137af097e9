package dev.covenant.registry.proposals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.covenant.registry.ItemsDocument;
import dev.covenant.registry.RegistryTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The agreement policy over HTTP: with {@code agreement: require} a breaking change nobody agreed to is refused
 * (enforce) or stored, flagged and not deployable (warn); an agreed change is accepted and the report says the
 * document matches the agreed contract.
 */
@TestPropertySource(properties = "covenant.jobs.poll-interval=50ms")
class AgreementGateTest extends RegistryTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    final String provider = unique("inventory");
    final String reader = unique("order-service");
    final String owners = unique("inventory-team");
    final String orders = unique("orders-team");

    @Test
    void enforcedAgreementRefusesAnUnagreedBreakingChangeAndAcceptsTheAgreedOne() {
        providerReadByOrders();
        policy("{\"level\": \"NONE\", \"mode\": \"enforce\", \"agreement\": \"require\"}");
        http.get().uri("/applications/{a}/policy", provider).exchange().expectBody()
                .jsonPath("$.agreement").isEqualTo("require");

        Map<String, Object> refused = body(publish("2.0.0", ItemsDocument.json("2", false)).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((String) refused.get("type")).endsWith("/unagreed-change");
        assertThat(list(refused, "unagreed")).anySatisfy(finding -> {
            assertThat((String) finding.get("ruleId")).contains("property-removed");
            assertThat(finding).containsEntry("operation", "GET /items/{id}").containsKey("fingerprint");
            assertThat(finding.get("teams")).asList().contains(owners, orders);
        });
        http.get().uri("/applications/{a}/versions/2.0.0/openapi", provider).exchange().expectStatus().isNotFound();

        agree(ItemsDocument.json("2", false));

        publish("2.0.0", ItemsDocument.json("2", false)).expectStatus().isCreated();
        Map<String, Object> verdict = awaitVerdict("2.0.0");
        assertThat(verdict).containsEntry("matches", true).containsEntry("flagged", false);
        assertThat(list(verdict, "unagreed")).isEmpty();

        Map<String, Object> secondRefusal = body(publish("3.0.0", movedPath(ItemsDocument.json("3", false)))
                .expectStatus().isEqualTo(409));
        assertThat(list(secondRefusal, "unagreed")).extracting(finding -> finding.get("operation"))
                .contains("GET /items/{id}");
    }

    @Test
    void withAgreementRequiredInWarnModeAnUnagreedChangeIsStoredFlaggedAndNotDeployable() {
        providerReadByOrders();
        policy("{\"level\": \"NONE\", \"mode\": \"warn\", \"agreement\": \"require\"}");

        publish("2.0.0", ItemsDocument.json("2", false)).expectStatus().isCreated();
        Map<String, Object> verdict = awaitVerdict("2.0.0");
        assertThat(verdict).containsEntry("flagged", true).containsEntry("matches", null);
        assertThat(list(verdict, "unagreed")).extracting(finding -> finding.get("operation")).contains("GET /items/{id}");

        Map<String, Object> answer = body(http.get()
                .uri("/can-i-deploy?pacticipant={p}&version=2.0.0&to=prod", provider).exchange());
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) answer.get("summary");
        assertThat(summary.get("deployable")).isEqualTo(false);
        assertThat((String) summary.get("reason")).contains("nobody agreed", "GET /items/{id}", orders);

        agree(ItemsDocument.json("2", false));
        Map<String, Object> afterAgreement = body(http.get()
                .uri("/can-i-deploy?pacticipant={p}&version=2.0.0&to=prod", provider).exchange());
        assertThat(afterAgreement.get("summary").toString()).doesNotContain("nobody agreed");
    }

    // --- helpers

    void providerReadByOrders() {
        team(owners, provider);
        team(orders, reader);
        publish("1.0.0", ItemsDocument.json("1", true)).expectStatus().isCreated();
        String pact = """
                {"consumer": {"name": "%s"}, "provider": {"name": "%s"},
                 "interactions": [{"description": "get item 42", "request": {"method": "GET", "path": "/items/42"},
                   "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                   "body": {"id": "42", "quantity": 3}}}],
                 "metadata": {"pactSpecification": {"version": "3.0.0"}}}
                """.formatted(reader, provider);
        http.put().uri("/pacticipants/{c}/branches/main/versions/1", reader).exchange().expectStatus().isOk();
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, reader)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact).exchange().expectStatus().is2xxSuccessful();
    }

    /** The provider's team proposes the document as a change to 1.0.0; the consumer's team approves it. */
    void agree(String document) {
        Map<String, Object> proposal = body(http.post().uri("/applications/{a}/proposals", provider)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "change", "team", owners, "document", document, "baseVersion", "1.0.0")).exchange()
                .expectStatus().isCreated());
        body(http.post().uri("/proposals/{id}/reviews", proposal.get("id")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("team", orders, "decision", "approve")).exchange().expectStatus().isCreated());
        http.get().uri("/proposals/{id}", proposal.get("id")).exchange().expectBody().jsonPath("$.status").isEqualTo("agreed");
    }

    WebTestClient.ResponseSpec publish(String version, String document) {
        return http.put().uri("/applications/{a}/versions/{v}/openapi?branch=main", provider, version)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(document).exchange();
    }

    void policy(String policy) {
        http.put().uri("/applications/{a}/policy", provider).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(policy).exchange().expectStatus().isOk();
    }

    void team(String team, String application) {
        http.put().uri("/teams/{t}", team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("applications", List.of(application))).exchange().expectStatus().isOk();
    }

    /** The agreement verdict of the version's compatibility report (made in the background after the publish). */
    @SuppressWarnings("unchecked")
    Map<String, Object> awaitVerdict(String version) {
        Map<String, Object> report = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Map<String, Object> page = body(http.get().uri("/compatibility-reports?application={a}&version={v}",
                            provider, version).exchange().expectStatus().isOk());
                    List<Map<String, Object>> reports = (List<Map<String, Object>>) ((Map<String, Object>) page
                            .get("_embedded")).get("reports");
                    return reports.stream().filter(r -> "contract.published".equals(r.get("trigger"))).findFirst()
                            .orElse(null);
                }, found -> found != null);
        return (Map<String, Object>) ((Map<String, Object>) report.get("policy")).get("agreementVerdict");
    }

    static String movedPath(String document) {
        return document.replace("/items/{id}", "/things/{id}");
    }

    Map<String, Object> body(WebTestClient.ResponseSpec response) {
        return response.expectBody(JSON).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        Object value = map.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }
}
