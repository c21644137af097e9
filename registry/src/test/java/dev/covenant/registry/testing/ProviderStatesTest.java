package dev.covenant.registry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.security.SecurityProperties;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** {@code POST /_covenant/provider-states} and the placeholder paths, with the switch on. */
@TestPropertySource(properties = "covenant.testing.provider-states=true")
class ProviderStatesTest extends RegistryTest {

    private static final String STATES = "/_covenant/provider-states";

    private void createApplication(String name) {
        http.put().uri("/pacticipants/{name}", name).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().is2xxSuccessful();
    }

    @Test
    void unknownStateIsRefusedNamingItAndTheStoreIsLeftAsItWas() {
        String kept = unique("kept");
        createApplication(kept);

        http.post().uri(STATES).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"state\":\"a unicorn exists\",\"params\":{},\"action\":\"setup\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("unknown provider state 'a unicorn exists'"));

        http.get().uri("/pacticipants/{name}", kept).exchange().expectStatus().isOk();
    }

    @Test
    void malformedStateChangesAreRefused() {
        for (String body : new String[] {"{\"state\":", "[]", "{\"state\":5}",
                "{\"state\":\"an environment exists\",\"action\":\"explode\"}"}) {
            http.post().uri(STATES).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void setUpEmptiesTheStoreThenBuildsTheStateWithItsPinnedUuids() {
        String gone = unique("gone");
        createApplication(gone);

        http.post().uri(STATES).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"state\":\"a currently deployed version exists\",\"params\":{},\"action\":\"setup\"}")
                .exchange()
                .expectStatus().isOk();

        http.get().uri("/pacticipants/{name}", gone).exchange().expectStatus().isNotFound();
        http.get().uri("/deployed-versions/ff3adecf-cfc5-4653-a4e3-f1861092f8e0").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.currentlyDeployed").isEqualTo(true)
                .jsonPath("$._embedded.version.number").isEqualTo("5556b8149bf8bac76bc30f50a8a2dd4c22c85f30")
                .jsonPath("$._embedded.environment.uuid").isEqualTo("cb632df3-0a0d-4227-aac3-60114dd36479");
        // The placeholder path of the client's pact leads to the same deployment.
        http.get().uri("/PLACEHOLDER-DEPLOYED-VERSION-ff3adecf-cfc5-4653-a4e3-f1861092f8e0").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.uuid").isEqualTo("ff3adecf-cfc5-4653-a4e3-f1861092f8e0");
    }

    @Test
    void teardownAndTheOlderStateOnlyBodyWork() {
        http.post().uri(STATES).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"state\":\"a pacticipant with name Foo exists\"}")
                .exchange()
                .expectStatus().isOk();
        http.get().uri("/pacticipants/Foo").exchange().expectStatus().isOk();

        http.post().uri(STATES).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"state\":\"a pacticipant with name Foo exists\",\"action\":\"teardown\"}")
                .exchange()
                .expectStatus().isOk();
        http.get().uri("/pacticipants/Foo").exchange().expectStatus().isOk();
    }

    @Test
    void matrixQueriesAreReorderedAsThePactBrokersVerificationDoes() {
        http.post().uri(STATES).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"state\":\"the pact for Foo version 1.2.3 has been verified by Bar version 4.5.6\"}")
                .exchange()
                .expectStatus().isOk();

        // Grouped by key as the verifier sends it; read in order it would pair Foo with no version.
        http.get().uri(URI.create(baseUrl() + "/matrix?latestby=cvpv&q%5B%5D%5Bpacticipant%5D=Foo"
                        + "&q%5B%5D%5Bpacticipant%5D=Bar&q%5B%5D%5Bversion%5D=1.2.3&q%5B%5D%5Bversion%5D=4.5.6"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.matrix[0].consumer.version.number").isEqualTo("1.2.3")
                .jsonPath("$.matrix[0].provider.version.number").isEqualTo("4.5.6")
                .jsonPath("$.matrix[0].verificationResult.success").isEqualTo(true);
    }

    @Test
    void theSwitchIsRefusedInSecuredMode() {
        SecurityProperties secured = new SecurityProperties(SecurityProperties.Mode.SECURED,
                "an-admin-token-long-enough", null, null, null, null, null);

        assertThatThrownBy(() -> new ProviderStatesConfiguration(secured))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused in secured mode");
    }
}
