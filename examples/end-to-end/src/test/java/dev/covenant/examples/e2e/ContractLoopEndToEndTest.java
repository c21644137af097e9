package dev.covenant.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.examples.e2e.Cli.Run;
import dev.covenant.examples.inventory.InventoryPactVerificationTest;
import dev.covenant.examples.order.InventoryClientPactTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The worked example, end to end, against a real registry: order-service's pact-jvm consumer tests publish their
 * pact (covenant-junit5), inventory-service publishes its OpenAPI document (covenant-cli), verifies the pact with
 * pact-jvm ({@code @CovenantPacts}) and publishes the results, can-i-deploy says yes; then inventory's next
 * revision drops the item name order-service reads, its verification fails and can-i-deploy says no.
 *
 * <p>The same steps are in docs/tutorial.md as commands. The registry-side checks (cross-check report, pre-merge
 * check, team notifications) are {@link #preMergeCheckNamesTheBrokenConsumerAndItsTeamIsNotified} (issue 5).
 */
class ContractLoopEndToEndTest {

    static final String CONSUMER = "order-service";
    static final String PROVIDER = "inventory-service";

    private static String registry;

    @BeforeAll
    static void start() {
        registry = RunningRegistry.get().url();
    }

    static Path examples() {
        return Path.of(System.getProperty("covenant.examples.dir", ".."));
    }

    static Path inventoryDocument() {
        return examples().resolve("inventory-service/src/main/resources/openapi/inventory.yaml");
    }

    static Path inventoryRevision2() {
        return Path.of("src/test/resources/inventory-v2.yaml");
    }

    static Path pactFile() {
        return Path.of(System.getProperty("pact.rootDir", "target/pacts"), CONSUMER + "-" + PROVIDER + ".json");
    }

    /** order-service's CI: the consumer tests run; covenant-junit5 publishes the pact they wrote, as 1.0.0 on main. */
    static void orderServiceCi() {
        TestExecutionSummary consumer = JUnitRuns.run(Map.of("covenant.url", registry, "covenant.publish", "true",
                "covenant.version", "1.0.0", "covenant.branch", "main"), InventoryClientPactTest.class);
        assertThat(consumer.getTotalFailureCount()).as(JUnitRuns.failures(consumer)).isZero();
        assertThat(consumer.getTestsSucceededCount()).isEqualTo(2);
    }

    /** inventory-service's CI: publish the document, then verify the consumers' pacts and publish the results. */
    static TestExecutionSummary inventoryServiceCi(Path document, String version, Class<?> verification) {
        Run published = Cli.run(registry, "publish-openapi", document.toString(), "-a", PROVIDER, "-v", version,
                "-b", "main");
        assertThat(published.exitCode()).as(published.toString()).isZero();
        return JUnitRuns.run(Map.of("covenant.url", registry, "covenant.publish", "true", "covenant.version", version,
                "covenant.branch", "main"), verification);
    }

    @Test
    void consumerAndProviderGoThroughTheRegistryAndABreakingChangeIsStopped() throws Exception {
        orderServiceCi();
        assertThat(status("/pacts/provider/" + PROVIDER + "/consumer/" + CONSUMER + "/version/1.0.0"))
                .as("the pact order-service's tests wrote is in the registry").isEqualTo(200);

        // The pact against the document, as the registry's cross-check does it (here with the CLI, locally).
        Run crossCheck = Cli.run(registry, "check-pact", "--openapi", inventoryDocument().toString(),
                pactFile().toString());
        assertThat(crossCheck.exitCode()).as(crossCheck.toString()).isZero();

        TestExecutionSummary verified = inventoryServiceCi(inventoryDocument(), "1.0.0",
                InventoryPactVerificationTest.class);
        assertThat(verified.getTotalFailureCount()).as(JUnitRuns.failures(verified)).isZero();
        assertThat(verified.getTestsSucceededCount()).as("one verification per interaction").isEqualTo(2);

        assertThat(Cli.run(registry, "create-environment", "--name", "production", "--production").exitCode()).isZero();
        assertDeployable(PROVIDER, "1.0.0");
        assertThat(Cli.run(registry, "record-deployment", "-a", PROVIDER, "-v", "1.0.0", "-e", "production").exitCode())
                .isZero();
        Run consumerGate = assertDeployable(CONSUMER, "1.0.0");
        assertThat(consumerGate.out()).contains(CONSUMER + " 1.0.0 -> " + PROVIDER + " 1.0.0: verified");
        assertThat(Cli.run(registry, "record-deployment", "-a", CONSUMER, "-v", "1.0.0", "-e", "production").exitCode())
                .isZero();

        // The next revision of inventory drops the item's name, which order-service reads.
        Run diff = Cli.run(registry, "diff", inventoryDocument().toString(), inventoryRevision2().toString());
        assertThat(diff.exitCode()).as(diff.toString()).isEqualTo(1);
        assertThat(diff.out()).contains("response-required-property-removed", "GET /items/{id}", "name");
        Run brokenPact = Cli.run(registry, "check-pact", "--openapi", inventoryRevision2().toString(),
                pactFile().toString());
        assertThat(brokenPact.exitCode()).as(brokenPact.toString()).isEqualTo(1);
        assertThat(brokenPact.out()).contains("response.body.incompatible", "a request for item 42");

        TestExecutionSummary failed = inventoryServiceCi(inventoryRevision2(), "2.0.0",
                InventoryRevision2Verification.class);
        assertThat(failed.getTotalFailureCount()).as("the verification of the revision fails").isPositive();

        Run stopped = Cli.run(registry, "can-i-deploy", "-a", PROVIDER, "-v", "2.0.0", "--to-environment", "production");
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(1);
        assertThat(stopped.out()).contains(PROVIDER + " 2.0.0 to production: no",
                CONSUMER + " 1.0.0 -> " + PROVIDER + " 2.0.0: verification failed");
    }

    @Test
    @Disabled("needs issue 5: pre-merge check + webhooks")
    void preMergeCheckNamesTheBrokenConsumerAndItsTeamIsNotified() throws Exception {
        PreMergeScenario.run(registry);
    }

    private static Run assertDeployable(String application, String version) {
        Run run = Cli.run(registry, "can-i-deploy", "-a", application, "-v", version, "--to-environment", "production");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains(application + " " + version + " to production: yes");
        return run;
    }

    private static int status(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
