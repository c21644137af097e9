package dev.covenant.registry.pacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Bad input on the Pact Broker endpoints: the Pact Broker's error shapes, never a 500, nothing half-stored. */
class PactBrokerBadInputTest extends RegistryTest {

    static String pact(String consumer, String provider, String interactions) {
        return "{\"consumer\":{\"name\":\"" + consumer + "\"},\"provider\":{\"name\":\"" + provider + "\"},"
                + "\"interactions\":" + interactions + ",\"metadata\":{\"pactSpecification\":{\"version\":\"3.0.0\"}}}";
    }

    static final String ONE_INTERACTION = "[{\"description\":\"d\",\"request\":{\"method\":\"GET\",\"path\":\"/\"},\"response\":{\"status\":200}}]";

    static Map<String, Object> contract(String consumer, String provider, String content) {
        return Map.of("consumerName", consumer, "providerName", provider, "specification", "pact",
                "contentType", "application/json", "content", content);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    void publishExpecting(Object body, HttpStatus status, String errorKey, String fragment) {
        http.post().uri("/contracts/publish").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType("application/hal+json;charset=utf-8")
                .expectBody()
                .jsonPath("$.errors['" + errorKey + "'][0]").value(message -> assertThat((String) message).contains(fragment));
    }

    @Test
    void malformedPublishRequestsAreRefusedWithTheBrokerErrorShape() {
        String consumer = unique("c");
        publishExpecting("{not json", HttpStatus.BAD_REQUEST, "body", "not valid JSON");
        publishExpecting(Map.of("pacticipantName", consumer), HttpStatus.BAD_REQUEST, "pacticipantVersionNumber", "Missing");
        publishExpecting(Map.of("pacticipantName", consumer, "pacticipantVersionNumber", "1", "contracts", List.of()),
                HttpStatus.BAD_REQUEST, "contracts", "non-empty");
        publishExpecting(Map.of("pacticipantName", consumer, "pacticipantVersionNumber", "1",
                        "contracts", List.of(contract(consumer, "p", "!!!not-base64!!!"))),
                HttpStatus.BAD_REQUEST, "contracts[0].content", "base64");
        publishExpecting(Map.of("pacticipantName", consumer, "pacticipantVersionNumber", "1",
                        "contracts", List.of(contract(consumer, "p", base64("not json at all")))),
                HttpStatus.BAD_REQUEST, "contracts[0].content", "not valid JSON");
        publishExpecting(Map.of("pacticipantName", consumer, "pacticipantVersionNumber", "1",
                        "contracts", List.of(contract(consumer, "p", base64("{\"consumer\":{\"name\":\"" + consumer
                                + "\"},\"provider\":{\"name\":\"p\"}}")))),
                HttpStatus.BAD_REQUEST, "contracts[0].content", "no 'interactions' array");
        publishExpecting(Map.of("pacticipantName", consumer, "pacticipantVersionNumber", "1",
                        "contracts", List.of(contract(consumer, "p", base64(pact("someone-else", "p", ONE_INTERACTION))))),
                HttpStatus.BAD_REQUEST, "contracts[0].content", "does not match pacticipantName");
        publishExpecting(Map.of("pacticipantName", consumer, "pacticipantVersionNumber", "1",
                        "contracts", List.of(contract("another", "p", base64(pact(consumer, "p", ONE_INTERACTION))))),
                HttpStatus.BAD_REQUEST, "contracts[0].consumerName", "must match");
        http.get().uri("/pacticipants/{c}", consumer).exchange().expectStatus().isNotFound();
    }

    @Test
    void aRefusedContractStoresNothingOfTheRequest() {
        String consumer = unique("c");
        String good = base64(pact(consumer, "p1", ONE_INTERACTION));
        String bad = base64(pact(consumer, "p2", "{\"not\":\"an array\"}"));
        http.post().uri("/contracts/publish").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("pacticipantName", consumer, "pacticipantVersionNumber", "1",
                        "contracts", List.of(contract(consumer, "p1", good), contract(consumer, "p2", bad))))
                .exchange().expectStatus().isBadRequest();
        http.get().uri("/pacticipants/{c}", consumer).exchange().expectStatus().isNotFound();
        http.get().uri("/pacts/provider/p1/consumer/{c}/version/1", consumer).exchange().expectStatus().isNotFound();
    }

    @Test
    void aConflictInOneContractStoresNoneOfThem() {
        String consumer = unique("c");
        String provider = unique("p");
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact(consumer, provider, ONE_INTERACTION))
                .exchange().expectStatus().isCreated();
        String changed = ONE_INTERACTION.replace("200", "201");
        String other = unique("other");
        http.post().uri("/contracts/publish").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("pacticipantName", consumer, "pacticipantVersionNumber", "1",
                        "contracts", List.of(contract(consumer, other, base64(pact(consumer, other, ONE_INTERACTION))),
                                contract(consumer, provider, base64(pact(consumer, provider, changed))))))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.errors.contracts[0]").value(m -> assertThat((String) m).contains("Cannot change the content"))
                .jsonPath("$.notices[0].type").isEqualTo("error");
        http.get().uri("/pacts/provider/{p}/consumer/{c}/version/1", other, consumer).exchange().expectStatus().isNotFound();
        http.get().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer).exchange()
                .expectBody().jsonPath("$.interactions[0].response.status").isEqualTo(200);
    }

    @Test
    void oldPutPathChecksNamesAgainstThePath() {
        String consumer = unique("c");
        http.put().uri("/pacts/provider/p/consumer/{c}/version/1", consumer).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(pact("x", "p", ONE_INTERACTION))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.consumer[0]").value(m -> assertThat((String) m).contains("does not match"));
    }

    @Test
    void oversizedPactIs413() {
        String consumer = unique("c");
        String padding = "x".repeat(11 * 1024 * 1024);
        String big = pact(consumer, "p", "[{\"description\":\"" + padding + "\",\"request\":{\"method\":\"GET\",\"path\":\"/\"},\"response\":{\"status\":200}}]");
        http.put().uri("/pacts/provider/p/consumer/{c}/version/1", consumer).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(big)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        http.get().uri("/pacticipants/{c}", consumer).exchange().expectStatus().isNotFound();
    }

    @Test
    void mergeUnionsInteractions() {
        String consumer = unique("c");
        String provider = unique("p");
        String second = "[{\"description\":\"e\",\"request\":{\"method\":\"GET\",\"path\":\"/e\"},\"response\":{\"status\":200}}]";
        for (String interactions : List.of(ONE_INTERACTION, second)) {
            Map<String, Object> merging = new java.util.HashMap<>(contract(consumer, provider, base64(pact(consumer, provider, interactions))));
            merging.put("onConflict", "merge");
            http.post().uri("/contracts/publish").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("pacticipantName", consumer, "pacticipantVersionNumber", "1", "contracts", List.of(merging)))
                    .exchange().expectStatus().isOk();
        }
        http.get().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer).exchange()
                .expectBody()
                .jsonPath("$.interactions.length()").isEqualTo(2)
                .jsonPath("$.interactions[0]._id").isNotEmpty();
    }

    @Test
    void forVerificationRefusesInvalidSelectorsAndUnknownProviders() {
        String consumer = unique("c");
        String provider = unique("p");
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact(consumer, provider, ONE_INTERACTION))
                .exchange().expectStatus().isCreated();
        for (String selectors : List.of("[{\"tag\":\"a\",\"branch\":\"b\"}]", "[{\"branch\":\"b\",\"environment\":\"prod\"}]",
                "[{\"fallbackTag\":\"x\",\"tag\":\"a\"}]", "[{\"matchingBranch\":true}]", "[{\"nonsense\":1}]", "\"oops\"")) {
            http.post().uri("/pacts/provider/{p}/for-verification", provider).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"consumerVersionSelectors\":" + selectors + "}")
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors.consumerVersionSelectors[0]").isNotEmpty();
        }
        http.post().uri("/pacts/provider/{p}/for-verification", provider).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"includeWipPactsSince\":\"yesterday\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.includeWipPactsSince[0]").isNotEmpty();
        http.post().uri("/pacts/provider/{p}/for-verification", unique("ghost")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isNotFound();
    }

    @Test
    void verificationResultsAreValidated() {
        String consumer = unique("c");
        String provider = unique("p");
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact(consumer, provider, ONE_INTERACTION))
                .exchange().expectStatus().isCreated();
        java.util.concurrent.atomic.AtomicReference<String> link = new java.util.concurrent.atomic.AtomicReference<>();
        http.get().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer).exchange()
                .expectBody().jsonPath("$._links['pb:publish-verification-results'].href").value(href -> link.set((String) href));
        String publish = link.get();
        http.post().uri(java.net.URI.create(publish)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"success\":\"yes\",\"providerApplicationVersion\":\" \",\"buildUrl\":\"not a url\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.success[0]").isEqualTo("must be a boolean")
                .jsonPath("$.errors.providerApplicationVersion[0]").isEqualTo("can't be blank")
                .jsonPath("$.errors.buildUrl[0]").value(m -> assertThat((String) m).contains("Invalid URL"));
        String body = "{\"success\":true,\"providerApplicationVersion\":\"9\",\"testResults\":[{\"interactionId\":\"x\",\"success\":true}]}";
        http.post().uri(java.net.URI.create(publish)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectHeader().exists("Location");
        // A retried POST (clients retry on timeouts) records nothing new.
        http.post().uri(java.net.URI.create(publish)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated();
        http.get().uri(java.net.URI.create(publish)).exchange()
                .expectBody().jsonPath("$._embedded.verificationResults.length()").isEqualTo(1)
                .jsonPath("$._embedded.verificationResults[0].testResults[0].interactionId").isEqualTo("x");
        http.post().uri(java.net.URI.create(publish.replace("/pact-version/", "/pact-version/0000"))).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isNotFound();
    }

    @Test
    void matrixAndCanIDeployRefuseUnknownsWith400() {
        // /matrix lists its errors as messages, as the Pact Broker does there; can-i-deploy keeps the field map
        http.get().uri("/matrix?q[][pacticipant]={p}&q[][version]=1&latestby=cvp", unique("ghost")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith("application/hal+json")
                .expectBody().jsonPath("$.errors[0]").value(m -> assertThat((String) m).contains("not found"))
                .jsonPath("$.detail").value(m -> assertThat((String) m).contains("not found"));
        http.get().uri("/matrix?q[][pacticipant]={p}&q[][version]=1&success[]=maybe", unique("ghost")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0]").isEqualTo("success[] must be true, false or empty");
        String consumer = unique("c");
        http.put().uri("/pacticipants/{c}/versions/1", consumer).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isCreated();
        http.get().uri("/can-i-deploy?pacticipant={c}&version=1&environment={e}", consumer, unique("nowhere")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.environment[0]").value(m -> assertThat((String) m).contains("does not exist"));
        http.get().uri("/can-i-deploy?pacticipant={c}&version=1", consumer).exchange().expectStatus().isBadRequest();
        http.get().uri("/can-i-deploy?pacticipant={c}&version=404&to=prod", consumer).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.summary.deployable").isEqualTo(false)
                .jsonPath("$.summary.reason").value(m -> assertThat((String) m).contains("No pacts or verifications have been published for version 404"));
    }
}
