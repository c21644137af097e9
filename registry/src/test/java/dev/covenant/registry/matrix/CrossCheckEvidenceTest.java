package dev.covenant.registry.matrix;

import static dev.covenant.registry.matrix.Gate.awaitPactReport;
import static dev.covenant.registry.matrix.Gate.httpInteraction;
import static dev.covenant.registry.matrix.Gate.itemsDocument;
import static dev.covenant.registry.matrix.Gate.matrix;
import static dev.covenant.registry.matrix.Gate.message;
import static dev.covenant.registry.matrix.Gate.publishPact;
import static dev.covenant.registry.matrix.Gate.publishProviderContract;
import static dev.covenant.registry.matrix.Gate.v3Pact;
import static dev.covenant.registry.matrix.Gate.v4Pact;
import static dev.covenant.registry.matrix.Gate.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * A cross-contract check stands in for a verification only for what it really checked (issue 19): a pact with
 * interactions it cannot judge gets no verification from it, a document whose self-verification failed fails every
 * check against it, and a document without one passes with a warning unless the provider's policy requires one.
 */
@TestPropertySource(properties = "covenant.jobs.poll-interval=50ms")
class CrossCheckEvidenceTest extends RegistryTest {

    String consumer = unique("evt-web");
    String provider = unique("evt-api");

    @Test
    @SuppressWarnings("unchecked")
    void aMessagePactGetsNoVerificationFromTheCrossCheckUntilTheProviderVerifiesIt() {
        publishProviderContract(http, provider, "2.0.0", itemsDocument(), true);
        publishPact(http, consumer, "1.0.0", provider, v3Pact(consumer, provider, List.of(),
                List.of(message("an order created event"))));
        Map<String, Object> report = awaitPactReport(http, consumer, "1.0.0");
        Map<String, Object> check = ((List<Map<String, Object>>) report.get("crossChecks")).get(0);
        assertThat(check).containsEntry("countsAsVerification", false).containsEntry("interactionsChecked", 0)
                .containsEntry("notCountedBecause", "1 message interaction needs a provider verification"
                        + " (a cross-contract check only checks HTTP interactions)");
        assertThat((String) report.get("summary")).contains("1 message interaction needs a provider verification");

        Map<String, Object> answer = matrix(http, baseUrl(), consumer, "1.0.0", provider, "2.0.0");

        Map<String, Object> summary = (Map<String, Object>) answer.get("summary");
        assertThat(summary.get("deployable")).isNull();
        assertThat(summary).containsEntry("unknown", 1).containsEntry("success", 0);
        assertThat((String) summary.get("reason"))
                .isEqualTo("There is no verified pact between version 1.0.0 of " + consumer + " and version 2.0.0 of "
                        + provider + ": 1 message interaction needs a provider verification"
                        + " (a cross-contract check only checks HTTP interactions)");
        Map<String, Object> row = ((List<Map<String, Object>>) answer.get("matrix")).get(0);
        assertThat(row.get("verificationResult")).isNull();
        assertThat((String) row.get("reason")).startsWith("1 message interaction needs a provider verification");

        verify(http, provider, consumer, "1.0.0", "2.0.0", true);
        Map<String, Object> verified = (Map<String, Object>) matrix(http, baseUrl(), consumer, "1.0.0", provider, "2.0.0")
                .get("summary");
        assertThat(verified).containsEntry("deployable", true)
                .containsEntry("reason", "All required verification results are published and successful");
    }

    @Test
    void theMatrixAndPactPagesGiveTheSameReasonAsCanIDeploy() {
        publishProviderContract(http, provider, "2.0.0", itemsDocument(), true);
        publishPact(http, consumer, "1.0.0", provider, v3Pact(consumer, provider, List.of(),
                List.of(message("an order created event"))));
        awaitPactReport(http, consumer, "1.0.0");
        String reason = "1 message interaction needs a provider verification"
                + " (a cross-contract check only checks HTTP interactions)";

        String matrixPage = page("/ui/matrix?application=" + consumer + "&version=1.0.0&environment=");
        assertThat(matrixPage).contains(">Unknown<")
                .contains("There is no verified pact between version 1.0.0 of " + consumer
                        + " and the latest version of " + provider + " (2.0.0): " + reason)
                .contains("<td class=\"reason\">" + reason + "</td>");

        String pactPage = page("/ui/pacts/" + provider + "/" + consumer + "?version=1.0.0");
        assertThat(pactPage).contains("Does not count as a verification: " + reason);
    }

    private String page(String uri) {
        return http.get().uri(uri).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anHttpPactWithMessagesNamesEveryKindItCouldNotCheck() {
        publishProviderContract(http, provider, "2.0.0", itemsDocument(), true);
        publishPact(http, consumer, "1.0.0", provider, v3Pact(consumer, provider, List.of(httpInteraction()),
                List.of(message("created"), message("shipped"), message("cancelled"))));
        awaitPactReport(http, consumer, "1.0.0");
        assertThat((String) ((Map<String, Object>) matrix(http, baseUrl(), consumer, "1.0.0", provider, "2.0.0")
                .get("summary")).get("reason")).endsWith(": 3 message interactions need a provider verification"
                        + " (a cross-contract check only checks HTTP interactions)");

        String other = unique("grpc-web");
        publishPact(http, other, "1.0.0", provider, v4Pact(other, provider,
                List.of("Synchronous/Messages", "Asynchronous/Messages", "Plugin/GraphQL")));
        awaitPactReport(http, other, "1.0.0");
        Map<String, Object> summary = (Map<String, Object>) matrix(http, baseUrl(), other, "1.0.0", provider, "2.0.0")
                .get("summary");
        assertThat(summary.get("deployable")).isNull();
        assertThat((String) summary.get("reason")).endsWith(": 1 message interaction and 1 synchronous message"
                + " interaction and 1 plugin or unsupported interaction need a provider verification"
                + " (a cross-contract check only checks HTTP interactions)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDocumentWhoseSelfVerificationFailedFailsEveryCrossCheckAgainstIt() {
        publishProviderContract(http, provider, "2.0.0", itemsDocument(), false);
        publishPact(http, consumer, "1.0.0", provider, v3Pact(consumer, provider, List.of(httpInteraction()), List.of()));
        Map<String, Object> report = awaitPactReport(http, consumer, "1.0.0");
        Map<String, Object> check = ((List<Map<String, Object>>) report.get("crossChecks")).get(0);
        assertThat(check).containsEntry("success", true).containsEntry("selfVerification", "failed");

        Map<String, Object> answer = matrix(http, baseUrl(), consumer, "1.0.0", provider, "2.0.0");

        Map<String, Object> summary = (Map<String, Object>) answer.get("summary");
        assertThat(summary).containsEntry("deployable", false).containsEntry("failed", 1);
        assertThat((String) summary.get("reason")).isEqualTo("The cross-contract check (pact against the provider's"
                + " OpenAPI document) of the pact between version 1.0.0 of " + consumer + " and version 2.0.0 of "
                + provider + " failed: the provider's self-verification of its OpenAPI document (by dredd) failed,"
                + " so the document does not show what " + provider + " 2.0.0 implements");
        Map<String, Object> row = ((List<Map<String, Object>>) answer.get("matrix")).get(0);
        assertThat((Map<String, Object>) row.get("verificationResult")).containsEntry("success", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDocumentWithoutSelfVerificationPassesWithAWarningUnlessThePolicyRequiresOne() {
        publishProviderContract(http, provider, "2.0.0", itemsDocument(), null);
        publishPact(http, consumer, "1.0.0", provider, v3Pact(consumer, provider, List.of(httpInteraction()), List.of()));
        Map<String, Object> report = awaitPactReport(http, consumer, "1.0.0");
        assertThat(((List<Map<String, Object>>) report.get("crossChecks")).get(0))
                .containsEntry("selfVerification", "none").containsEntry("countsAsVerification", true);

        Map<String, Object> answer = matrix(http, baseUrl(), consumer, "1.0.0", provider, "2.0.0");
        assertThat((Map<String, Object>) answer.get("summary")).containsEntry("deployable", true);
        assertThat((List<Map<String, Object>>) answer.get("notices")).anySatisfy(notice -> assertThat(notice)
                .containsEntry("type", "warning")
                .containsEntry("text", "WARNING: The cross-contract check of the pact between version 1.0.0 of "
                        + consumer + " and version 2.0.0 of " + provider + " passed, but the provider's OpenAPI"
                        + " document was published without a self-verification (nothing showed that the provider"
                        + " implements it)"));

        http.put().uri("/applications/{a}/policy", provider).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"level\": \"BACKWARD\", \"mode\": \"warn\", \"selfVerification\": \"required\"}")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.selfVerification").isEqualTo("required");

        Map<String, Object> required = (Map<String, Object>) matrix(http, baseUrl(), consumer, "1.0.0", provider,
                "2.0.0").get("summary");
        assertThat(required.get("deployable")).isNull();
        assertThat((String) required.get("reason")).endsWith(": the policy of " + provider + " requires a"
                + " self-verification and its OpenAPI document for version 2.0.0 was published without one");
    }

    @Test
    void aPolicyWithAnUnknownSelfVerificationRuleIsRefusedAndNothingChanges() {
        http.put().uri("/applications/{a}/policy", provider).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"selfVerification\": \"sometimes\"}")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("selfVerification", "must be one of optional, required; got 'sometimes'"));
        http.get().uri("/applications/{a}/policy", provider).exchange().expectStatus().isNotFound();
    }
}
