package dev.covenant.registry.matrix;

import static dev.covenant.registry.matrix.Gate.httpInteraction;
import static dev.covenant.registry.matrix.Gate.itemsDocument;
import static dev.covenant.registry.matrix.Gate.message;
import static dev.covenant.registry.matrix.Gate.v3Pact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.clients.PactCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.TestPropertySource;

/**
 * The two flows of issue 19 with the real {@code pact} CLI: a message pact, and a document whose self-verification
 * failed, each checked by the cross-contract check, and {@code pact broker can-i-deploy} answers no with the cause;
 * a document published without a self-verification is a yes the CLI prints a warning for.
 */
@TestPropertySource(properties = "covenant.jobs.poll-interval=50ms")
class PactCliGateTest extends RegistryTest {

    @TempDir
    Path work;

    String consumer = unique("evt-web");
    String provider = unique("evt-api");

    @Test
    void aMessagePactAndAnUnverifiedProviderContractAreNotDeployable() throws IOException {
        publishPact(v3Pact(consumer, provider, List.of(), List.of(message("an order created event"))));
        PactCli.Result published = pact("pactflow", "publish-provider-contract", document().toString(),
                "--provider", provider, "--provider-app-version", "2.0.0", "--branch", "main",
                "--content-type", "application/json");
        assertThat(published.exitCode()).as(published.output()).isZero();
        awaitContractReport();

        PactCli.Result answer = pact("broker", "can-i-deploy", "--pacticipant", consumer, "--version", "1.0.0",
                "--pacticipant", provider, "--version", "2.0.0");

        assertThat(answer.exitCode()).as(answer.output()).isNotZero();
        assertThat(answer.output()).contains("Computer says no")
                .contains("There is no verified pact between version 1.0.0 of " + consumer + " and version 2.0.0 of "
                        + provider + ": 1 message interaction needs a provider verification");
    }

    @Test
    void aCompatiblePactAgainstADocumentWhoseSelfVerificationFailedIsNotDeployable() throws IOException {
        publishPact(v3Pact(consumer, provider, List.of(httpInteraction()), List.of()));
        Files.writeString(work.resolve("results.txt"), "dredd: 2 failing\n");
        PactCli.Result published = pact("pactflow", "publish-provider-contract", document().toString(),
                "--provider", provider, "--provider-app-version", "2.0.0", "--branch", "main",
                "--content-type", "application/json", "--no-verification-success",
                "--verification-results", "results.txt", "--verification-results-content-type", "text/plain",
                "--verifier", "dredd");
        assertThat(published.exitCode()).as(published.output()).isZero();
        awaitContractReport();

        PactCli.Result answer = pact("broker", "can-i-deploy", "--pacticipant", consumer, "--version", "1.0.0",
                "--pacticipant", provider, "--version", "2.0.0");

        assertThat(answer.exitCode()).as(answer.output()).isNotZero();
        assertThat(answer.output()).contains("Computer says no")
                .contains("failed: the provider's self-verification of its OpenAPI document (by dredd) failed");
    }

    @Test
    void aDocumentWithoutSelfVerificationIsDeployableWithTheWarningPrinted() throws IOException {
        publishPact(v3Pact(consumer, provider, List.of(httpInteraction()), List.of()));
        PactCli.Result published = pact("pactflow", "publish-provider-contract", document().toString(),
                "--provider", provider, "--provider-app-version", "2.0.0", "--branch", "main",
                "--content-type", "application/json");
        assertThat(published.exitCode()).as(published.output()).isZero();
        awaitContractReport();

        PactCli.Result answer = pact("broker", "can-i-deploy", "--pacticipant", consumer, "--version", "1.0.0",
                "--pacticipant", provider, "--version", "2.0.0");

        assertThat(answer.exitCode()).as(answer.output()).isZero();
        assertThat(answer.output()).contains("Computer says yes")
                .contains("WARNING: The cross-contract check of the pact between version 1.0.0 of " + consumer)
                .contains("published without a self-verification");
    }

    private void publishPact(String pact) throws IOException {
        Path dir = Files.createDirectories(work.resolve("pacts"));
        Files.writeString(dir.resolve(consumer + "-" + provider + ".json"), pact);
        PactCli.Result result = pact("broker", "publish", dir.toString(), "--consumer-app-version", "1.0.0",
                "--branch", "main");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private Path document() throws IOException {
        return Files.writeString(work.resolve("openapi.json"), itemsDocument());
    }

    /** The check of the consumer's pact against the new document runs in the background; wait for its report. */
    private void awaitContractReport() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> new String(http.get().uri("/compatibility-reports?application={a}&version=2.0.0", provider)
                        .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody())
                        .contains("contract.published"));
    }

    private PactCli.Result pact(String... arguments) {
        String[] withUrl = new String[arguments.length + 2];
        System.arraycopy(arguments, 0, withUrl, 0, arguments.length);
        withUrl[arguments.length] = "--broker-base-url";
        withUrl[arguments.length + 1] = baseUrl();
        return PactCli.run(work, withUrl);
    }
}
