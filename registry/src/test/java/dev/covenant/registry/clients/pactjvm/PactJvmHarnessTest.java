package dev.covenant.registry.clients.pactjvm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The pact-jvm harness works without a registry: pacts are generated, and the verifier starts and talks HAL. */
class PactJvmHarnessTest {

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path work;

    /** Generated once: each pact-jvm consumer run costs seconds on a small machine. */
    private static Path pact;

    @BeforeAll
    static void generatePacts(@TempDir Path dir) {
        pact = PactJvmFixtures.generatePacts(dir);
    }

    @Test
    void pactJvmConsumerWritesAV4PactWithMatchingRulesAndAMessage() throws IOException {
        JsonNode pact = json.readTree(PactJvmHarnessTest.pact.toFile());

        assertThat(pact.at("/consumer/name").asText()).isEqualTo("order-service");
        assertThat(pact.at("/provider/name").asText()).isEqualTo("inventory-service");
        assertThat(pact.at("/metadata/pactSpecification/version").asText()).isEqualTo("4.0");
        assertThat(pact.at("/metadata/pact-jvm/version").asText()).isEqualTo("4.6.21");
        assertThat(descriptions(pact)).containsExactlyInAnyOrder("a request for item 42",
                "a reservation of two units of item 42", "a stock-changed event for item 42");
        assertThat(types(pact)).contains("Synchronous/HTTP", "Asynchronous/Messages");
        JsonNode item = interaction(pact, "a request for item 42");
        assertThat(item.at("/providerStates/0/name").asText()).isEqualTo("item 42 exists");
        assertThat(item.at("/response/matchingRules/body/$.id/matchers/0/match").asText()).isEqualTo("integer");
        assertThat(item.at("/response/matchingRules/body/$.name/matchers/0/match").asText()).isEqualTo("type");
    }

    @Test
    void changedConsumerWritesDifferentContentForTheSamePair() throws IOException {
        JsonNode original = json.readTree(pact.toFile());
        JsonNode changed = json.readTree(PactJvmFixtures.generateChangedPacts(work.resolve("v2")).toFile());

        assertThat(changed.at("/consumer/name")).isEqualTo(original.at("/consumer/name"));
        assertThat(changed.at("/provider/name")).isEqualTo(original.at("/provider/name"));
        assertThat(interaction(changed, "a request for item 42").at("/response/body/content/sku").asText())
                .isEqualTo("W-42");
        assertThat(changed.get("interactions")).isNotEqualTo(original.get("interactions"));
    }

    @Test
    void providerVerificationAsksTheBrokerForPactsAndReportsThatThereAreNone() throws IOException {
        try (FakePactBroker broker = FakePactBroker.start()) {
            TestExecutionSummary summary = PactJvmRunner.runProviderVerification(broker.url(), "1.0.0", "main", false);

            assertThat(summary.getTotalFailureCount()).isEqualTo(1);
            assertThat(summary.getFailures().get(0).getException()).hasMessageContaining("No Pact files were found");
            FakePactBroker.Request forVerification = broker.requests().stream()
                    .filter(request -> request.path().endsWith("/for-verification"))
                    .findFirst()
                    .orElseThrow();
            assertThat(forVerification.path()).isEqualTo("/pacts/provider/inventory-service/for-verification");
            JsonNode body = json.readTree(forVerification.body());
            assertThat(body.at("/consumerVersionSelectors/0/mainBranch").asBoolean()).isTrue();
            assertThat(body.at("/consumerVersionSelectors/1/deployedOrReleased").asBoolean()).isTrue();
            assertThat(body.at("/providerVersionBranch").asText()).isEqualTo("main");
            assertThat(body.at("/includePendingStatus").asBoolean()).isTrue();
            assertThat(body.at("/includeWipPactsSince").asText()).isEqualTo("2020-01-01");
        }
    }

    @Test
    void renamedPairIsGeneratedUnderTheNewNames() throws IOException {
        Path renamed = PactJvmFixtures.generateChangedPacts(work.resolve("renamed"), "orders-7", "stock-7");
        JsonNode pact = json.readTree(renamed.toFile());
        assertThat(renamed.getFileName().toString()).isEqualTo("orders-7-stock-7.json");
        assertThat(pact.at("/consumer/name").asText()).isEqualTo("orders-7");
        assertThat(pact.at("/provider/name").asText()).isEqualTo("stock-7");
    }

    @Test
    void pactJvmSendsBasicCredentialsOnlyAfterA401Challenge() {
        try (FakePactBroker broker = FakePactBroker.startRequiringBasicAuth()) {
            PactJvmRunner.runProviderVerification(broker.url(), "1.0.0", "main", false,
                    Map.of("pactbroker.auth.username", "ci", "pactbroker.auth.password", "secret"));

            List<FakePactBroker.Request> requests = broker.requests();
            assertThat(requests.get(0).header("Authorization")).isNull();
            assertThat(requests.get(1).header("Authorization")).isEqualTo("Basic Y2k6c2VjcmV0");
        }
    }

    private static List<String> descriptions(JsonNode pact) {
        List<String> descriptions = new ArrayList<>();
        pact.get("interactions").forEach(interaction -> descriptions.add(interaction.get("description").asText()));
        return descriptions;
    }

    private static List<String> types(JsonNode pact) {
        List<String> types = new ArrayList<>();
        pact.get("interactions").forEach(interaction -> types.add(interaction.get("type").asText()));
        return types;
    }

    private static JsonNode interaction(JsonNode pact, String description) {
        for (JsonNode interaction : pact.get("interactions")) {
            if (description.equals(interaction.get("description").asText())) {
                return interaction;
            }
        }
        throw new AssertionError("no interaction '" + description + "' in " + pact);
    }
}
