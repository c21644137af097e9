package dev.covenant.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.SecuredRegistryTest;
import dev.covenant.registry.pacticipants.ApplicationOwnership;
import dev.covenant.registry.system.ForbiddenException;
import dev.covenant.registry.system.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import reactor.test.StepVerifier;

/**
 * Validate, then authorise, then write: in secured mode a publish refused for its content creates no application and
 * claims none, and a publish refused for its owner writes nothing either.
 */
class RefusedPublishLeavesNothingTest extends SecuredRegistryTest {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private static final String NOT_OPENAPI = "kind: Deployment\nmetadata: {name: x}\n";

    @Autowired
    ApplicationOwnership ownership;

    @Test
    void anInvalidDocumentIsRefusedWithoutCreatingOrClaimingTheApplication() {
        String payments = createToken(unique("payments-ci"), "publish", "payments");
        String application = unique("invalid-doc");

        as(payments).put().uri("/applications/{a}/versions/1/openapi", application).contentType(YAML)
                .bodyValue(NOT_OPENAPI.getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus().isEqualTo(422);
        assertNoApplication(application);

        String encoded = Base64.getEncoder().encodeToString(NOT_OPENAPI.getBytes(StandardCharsets.UTF_8));
        as(payments).post().uri("/provider-contracts/provider/{p}/publish", application)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"pacticipantVersionNumber\":\"1\",\"contract\":{\"content\":\"" + encoded
                        + "\",\"contentType\":\"application/yaml\",\"specification\":\"oas\"}}")
                .exchange()
                .expectStatus().isEqualTo(422);
        assertNoApplication(application);

        as(payments).put().uri("/contracts/provider/{p}/version/1", application)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"content\":\"" + encoded + "\",\"contractType\":\"oas\"}")
                .exchange()
                .expectStatus().isEqualTo(422);
        assertNoApplication(application);

        as(payments).put().uri("/applications/{a}/versions/1/openapi?branch={b}", application, "bad\u0007branch")
                .contentType(YAML).bodyValue(SecurityFixtures.DOCUMENT.getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus().isBadRequest();
        assertNoApplication(application);

        // the same publish, valid, is what claims it
        as(payments).put().uri("/applications/{a}/versions/1/openapi", application).contentType(YAML)
                .bodyValue(SecurityFixtures.DOCUMENT.getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus().isCreated();
        assertOwner(application, "payments");
    }

    @Test
    void anInvalidPactIsRefusedWithoutCreatingOrClaimingEitherApplication() {
        String payments = createToken(unique("payments-ci"), "publish", "payments");
        String consumer = unique("invalid-pact-web");
        String provider = consumer + "-api";
        String noInteractions = """
                {"consumer":{"name":"%s"},"provider":{"name":"%s"},"interactions":"none",
                 "metadata":{"pactSpecification":{"version":"2.0.0"}}}""".formatted(consumer, provider);

        int status = as(payments).put().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(noInteractions)
                .exchange()
                .expectBody().returnResult().getStatus().value();
        assertThat(status).isBetween(400, 422);
        assertNoApplication(consumer);
        assertNoApplication(provider);

        String encoded = Base64.getEncoder().encodeToString(noInteractions.getBytes(StandardCharsets.UTF_8));
        status = as(payments).post().uri("/contracts/publish").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"pacticipantName":"%s","pacticipantVersionNumber":"1",
                         "contracts":[{"consumerName":"%s","providerName":"%s","specification":"pact",
                           "contentType":"application/json","content":"%s"}]}""".formatted(consumer, consumer, provider,
                        encoded))
                .exchange()
                .expectBody().returnResult().getStatus().value();
        assertThat(status).isBetween(400, 422);
        assertNoApplication(consumer);
        assertNoApplication(provider);

        as(payments).post().uri("/contracts/publish").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecurityFixtures.contractsPublish(consumer, provider, "1").replace("\"main\"", "\"\\u0001\""))
                .exchange()
                .expectStatus().isBadRequest();
        assertNoApplication(consumer);
        assertNoApplication(provider);
    }

    @Test
    void anInvalidVerificationIsRefusedWithoutClaimingTheProvider() {
        String orders = createToken(unique("orders-ci"), "publish", "orders");
        String payments = createToken(unique("payments-ci"), "publish", "payments");
        String consumer = unique("verified-web");
        String provider = consumer + "-api";
        Map<?, ?> pact = as(orders).put().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(SecurityFixtures.pact(consumer, provider))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String sha = (String) ((Map<?, ?>) ((Map<?, ?>) pact.get("_links")).get("pb:pact-version")).get("name");
        assertOwner(provider, null);

        as(payments).post().uri("/pacts/provider/{p}/consumer/{c}/pact-version/{sha}/verification-results",
                        provider, consumer, sha)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"success\":\"yes\",\"providerApplicationVersion\":\"1\"}")
                .exchange()
                .expectStatus().isBadRequest();
        as(payments).post().uri("/pacts/provider/{p}/consumer/{c}/pact-version/{sha}/verification-results",
                        provider, consumer, sha)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"success\":true,\"providerApplicationVersion\":\"1\\u0000\"}")
                .exchange()
                .expectStatus().isBadRequest();
        assertOwner(provider, null);
        admin().get().uri("/pacticipants/{a}/versions", provider).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$._embedded.versions").isEmpty();

        as(payments).post().uri("/pacts/provider/{p}/consumer/{c}/pact-version/{sha}/verification-results",
                        provider, consumer, sha)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"success\":true,\"providerApplicationVersion\":\"1\"}")
                .exchange()
                .expectStatus().isCreated();
        assertOwner(provider, "payments");
    }

    @Test
    void aConflictingDocumentOrAnInvalidPolicyClaimsNothing() {
        String payments = createToken(unique("payments-ci"), "publish", "payments");
        String application = unique("unowned-api");
        admin().put().uri("/applications/{a}/versions/1/openapi", application).contentType(YAML)
                .bodyValue(SecurityFixtures.DOCUMENT.getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus().isCreated();
        assertOwner(application, null);

        as(payments).put().uri("/applications/{a}/versions/1/openapi", application).contentType(YAML)
                .bodyValue(SecurityFixtures.DOCUMENT.replace("an item", "another item").getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus().isEqualTo(409);
        assertOwner(application, null);

        String policyFirst = unique("policy-first");
        as(payments).put().uri("/applications/{a}/policy", policyFirst).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"level\":\"SIDEWAYS\",\"mode\":\"warn\"}")
                .exchange()
                .expectStatus().isBadRequest();
        assertNoApplication(policyFirst);
        as(payments).put().uri("/applications/{a}/policy", policyFirst).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"level\":\"BACKWARD\",\"mode\":\"warn\"}")
                .exchange()
                .expectStatus().isOk();
        assertOwner(policyFirst, "payments");
    }

    @Test
    void anotherTeamIsRefusedWithoutWritingAnything() {
        String payments = createToken(unique("payments-ci"), "publish", "payments");
        String orders = createToken(unique("orders-ci"), "publish", "orders");
        String consumer = unique("owned-web");
        String provider = consumer + "-api";
        as(payments).post().uri("/contracts/publish").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecurityFixtures.contractsPublish(consumer, provider, "1"))
                .exchange()
                .expectStatus().isOk();
        assertOwner(consumer, "payments");

        // /contracts/publish names the consumer in its body: the write path itself refuses, before its first write
        String newProvider = consumer + "-other-api";
        as(orders).post().uri("/contracts/publish").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecurityFixtures.contractsPublish(consumer, newProvider, "2"))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.errors.authorization[0]").exists();
        admin().get().uri("/pacticipants/{a}/versions/2", consumer).exchange().expectStatus().isNotFound();
        assertNoApplication(newProvider);
        assertOwner(consumer, "payments");

        as(orders).put().uri("/applications/{a}/versions/2/openapi", consumer).contentType(YAML)
                .bodyValue(SecurityFixtures.DOCUMENT.getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus().isForbidden();
        admin().get().uri("/applications/{a}/versions/2/openapi", consumer).exchange().expectStatus().isNotFound();
        admin().get().uri("/pacticipants/{a}/versions/2", consumer).exchange().expectStatus().isNotFound();
        assertOwner(consumer, "payments");
    }

    @Test
    void aFeatureAsksWhetherATeamMayWriteAndWhoOwnsAnApplication() {
        String application = unique("proposed-api");

        StepVerifier.create(ownership.ownerOf(application)).verifyComplete();
        StepVerifier.create(ownership.requireTeamMayWrite(null, application))
                .expectError(InvalidRequestException.class)
                .verify();
        assertNoApplication(application);
        StepVerifier.create(ownership.requireTeamMayWrite("payments", application)).verifyComplete();
        StepVerifier.create(ownership.ownerOf(application)).expectNext("payments").verifyComplete();
        StepVerifier.create(ownership.requireTeamMayWrite("payments", application)).verifyComplete();
        StepVerifier.create(ownership.requireTeamMayWrite("orders", application))
                .expectErrorSatisfies(refused -> assertThat(refused).isInstanceOf(ForbiddenException.class)
                        .hasMessageContaining(application).hasMessageContaining("orders"))
                .verify();
        StepVerifier.create(ownership.ownerOf(application)).expectNext("payments").verifyComplete();
    }

    private void assertNoApplication(String application) {
        admin().get().uri("/pacticipants/{a}", application).exchange().expectStatus().isNotFound();
    }

    private void assertOwner(String application, String team) {
        var body = admin().get().uri("/pacticipants/{a}", application).exchange()
                .expectStatus().isOk()
                .expectBody();
        if (team == null) {
            body.jsonPath("$.team").doesNotExist();
        } else {
            body.jsonPath("$.team").isEqualTo(team);
        }
    }
}
