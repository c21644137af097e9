package dev.covenant.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.SecuredRegistryTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Tokens through the admin API, bearer and basic authentication, team ownership of applications, the audit log. */
class TokenAndOwnershipTest extends SecuredRegistryTest {

    @Test
    void aTokenIsShownOnceStoredHashedUsableAndRevocable() {
        String name = unique("ci");
        Map<String, Object> created = admin().post().uri("/admin/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\",\"role\":\"publish\",\"team\":\"payments\"}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        String token = (String) created.get("token");
        assertThat(token).startsWith("cov_").hasSize(4 + 43);
        assertThat(created).containsEntry("role", "publish").containsEntry("team", "payments")
                .containsEntry("createdBy", "admin");

        String listed = admin().get().uri("/admin/tokens").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).contains("\"name\":\"" + name + "\"").doesNotContain(token).doesNotContain("cov_");

        as(token).get().uri("/pacticipants").exchange().expectStatus().isOk();

        admin().delete().uri("/admin/tokens/{n}", name).exchange().expectStatus().isNoContent();
        as(token).get().uri("/pacticipants").exchange().expectStatus().isUnauthorized();
        admin().delete().uri("/admin/tokens/{n}", name).exchange().expectStatus().isNotFound();
    }

    @Test
    void tokenRequestsAreValidated() {
        String name = unique("dup");
        createToken(name, "read", null);
        createRefused("{\"name\":\"" + name + "\",\"role\":\"read\"}", 409);
        createRefused("{\"name\":\"" + unique("x") + "\",\"role\":\"owner\"}", 400);
        createRefused("{\"name\":\"" + unique("x") + "\",\"role\":\"publish\"}", 400);
        createRefused("{\"name\":\"" + unique("x") + "\",\"role\":\"read\",\"team\":\"payments\"}", 400);
        createRefused("{\"name\":\"has:colon\",\"role\":\"read\"}", 400);
        createRefused("{\"name\":\"admin\",\"role\":\"read\"}", 409);
    }

    private void createRefused(String body, int status) {
        admin().post().uri("/admin/tokens").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void basicAuthenticationTakesTheTokenNameAndTheToken() {
        String name = unique("basic");
        String token = createToken(name, "read", null);

        basic(name, token).get().uri("/pacticipants").exchange().expectStatus().isOk();
        basic("admin", ADMIN_TOKEN).get().uri("/admin/tokens").exchange().expectStatus().isOk();
        basic("someone-else", token).get().uri("/pacticipants").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Covenant\"",
                        "Bearer realm=\"Covenant\"");
        http.get().uri("/pacticipants").header(HttpHeaders.AUTHORIZATION, "Bearer cov_not-a-token").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.errors.authentication[0]").value(message ->
                        assertThat((String) message).contains("not accepted"));
        http.get().uri("/pacticipants").header(HttpHeaders.AUTHORIZATION, "Digest whatever").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void healthProbesNeedNoCredentials() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aPublisherClaimsNewAndUnownedApplicationsAndIsRefusedOnOtherTeams() {
        String payments = createToken(unique("payments-ci"), "publish", "payments");
        String orders = createToken(unique("orders-ci"), "publish", "orders");
        String consumer = unique("checkout-web");

        publishPact(payments, consumer, "1.0.0").expectStatus().isCreated();
        admin().get().uri("/pacticipants/{a}", consumer).exchange()
                .expectBody().jsonPath("$.team").isEqualTo("payments");
        publishPact(orders, consumer, "1.0.1").expectStatus().isForbidden()
                .expectBody().jsonPath("$.errors.authorization[0]").exists();
        // the provider named in the pact was created, but belongs to nobody until its own team publishes
        admin().get().uri("/pacticipants/{a}", consumer + "-provider").exchange()
                .expectBody().jsonPath("$.team").doesNotExist();

        String unowned = unique("legacy");
        admin().put().uri("/pacticipants/{a}", unowned).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isCreated();
        as(orders).put().uri("/applications/{a}/versions/1/openapi", unowned)
                .contentType(MediaType.parseMediaType("application/yaml")).bodyValue(SecurityFixtures.DOCUMENT)
                .exchange().expectStatus().isCreated();
        admin().get().uri("/pacticipants/{a}", unowned).exchange()
                .expectBody().jsonPath("$.team").isEqualTo("orders");
        as(payments).put().uri("/applications/{a}/versions/2/openapi", unowned)
                .contentType(MediaType.parseMediaType("application/yaml")).bodyValue(SecurityFixtures.DOCUMENT)
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void aPublisherCannotGiveAnApplicationToAnotherTeamButAnAdminCan() {
        String payments = createToken(unique("payments-ci"), "publish", "payments");
        String application = unique("billing");
        as(payments).post().uri("/pacticipants").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + application + "\",\"team\":\"orders\"}")
                .exchange().expectStatus().isForbidden();
        as(payments).post().uri("/pacticipants").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + application + "\"}")
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.team").isEqualTo("payments");
        as(payments).patch().uri("/pacticipants/{a}", application).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"team\":\"orders\"}")
                .exchange().expectStatus().isForbidden();
        assignTeam(application, "orders");
        as(payments).put().uri("/pacticipants/{a}/versions/1", application).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void undeployingIsForTheApplicationsOwnTeam() {
        String payments = createToken(unique("payments-ci"), "publish", "payments");
        String orders = createToken(unique("orders-ci"), "publish", "orders");
        String application = unique("ledger");
        String environment = (String) admin().post().uri("/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + unique("stage") + "\",\"production\":false}")
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("uuid");
        as(payments).put().uri("/pacticipants/{a}/versions/1", application).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isCreated();
        String deployment = (String) as(payments).post()
                .uri("/pacticipants/{a}/versions/1/deployed-versions/environment/{e}", application, environment)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("uuid");

        as(orders).patch().uri("/deployed-versions/{d}", deployment).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"currentlyDeployed\":false}")
                .exchange().expectStatus().isForbidden();
        as(payments).patch().uri("/deployed-versions/{d}", deployment).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"currentlyDeployed\":false}")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.currentlyDeployed").isEqualTo(false);
    }

    @Test
    void everyWriteIsInTheAuditLogWithWhoWhatAndWhen() {
        String name = unique("audited");
        String token = createToken(name, "publish", "payments");
        String application = unique("audited-app");

        as(token).put().uri("/pacticipants/{a}/versions/1", application).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isCreated();
        as(token).post().uri("/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"nope\",\"production\":false}").exchange().expectStatus().isForbidden();
        as(token).get().uri("/pacticipants/{a}", application).exchange().expectStatus().isOk();

        Map<?, ?> log = admin().get().uri("/admin/audit?limit=10&actor={n}", name).exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        List<?> entries = (List<?>) ((Map<?, ?>) log.get("_embedded")).get("entries");
        assertThat(entries).hasSize(2);
        @SuppressWarnings("unchecked") Map<String, Object> refused = (Map<String, Object>) entries.get(0);
        assertThat(refused).containsEntry("actor", name).containsEntry("role", "publish")
                .containsEntry("team", "payments").containsEntry("method", "POST")
                .containsEntry("path", "/environments").containsEntry("status", 403);
        @SuppressWarnings("unchecked") Map<String, Object> written = (Map<String, Object>) entries.get(1);
        assertThat(written).containsEntry("method", "PUT")
                .containsEntry("path", "/pacticipants/" + application + "/versions/1").containsEntry("status", 201);
        assertThat((String) written.get("at")).startsWith("20");
        assertThat(written.get("requestId")).isNotNull();

        String creations = admin().get().uri("/admin/audit?actor=admin&limit=1000").exchange()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(creations).contains("created token '" + name + "' (publish, team payments)");
        admin().get().uri("/admin/audit?limit=0").exchange().expectStatus().isBadRequest();
    }

    private WebTestClient.ResponseSpec publishPact(String token, String consumer, String version) {
        return as(token).put().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", consumer + "-provider", consumer,
                        version)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecurityFixtures.pact(consumer, consumer + "-provider"))
                .exchange();
    }

    private WebTestClient basic(String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Basic " + credentials).build();
    }
}
