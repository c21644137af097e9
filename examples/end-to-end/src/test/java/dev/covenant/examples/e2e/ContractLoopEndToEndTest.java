package dev.covenant.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.client.ClientConfig;
import dev.covenant.client.CovenantClient;
import dev.covenant.client.Results.AffectedConsumer;
import dev.covenant.client.Results.PreMergeReport;

import dev.covenant.examples.e2e.Cli.Run;
import dev.covenant.examples.inventory.InventoryPactVerificationTest;
import dev.covenant.examples.order.InventoryClientPactTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The worked example, end to end, against a real registry (a child process started from the packaged jar), as one
 * ordered scenario: every step builds on the registry state the previous ones left, so the steps are not separate
 * test methods (no reliance on JUnit's method order).
 *
 * <ol>
 *   <li>the order team owns order-service and subscribes a webhook (a loopback HTTP server here) with a secret;</li>
 *   <li>order-service's pact-jvm consumer tests publish their pact (covenant-junit5);</li>
 *   <li>inventory-service publishes its OpenAPI document (covenant-cli): the registry's cross-check report is
 *       compatible and covers order-service's pact; inventory verifies the pact with pact-jvm
 *       ({@code @CovenantPacts}) and publishes the results; can-i-deploy to production says yes;</li>
 *   <li>inventory's next revision drops the item's name, which order-service reads: the pre-merge check (client
 *       and {@code covenant check}) names order-service, its team, the operation, the field and the rule;</li>
 *   <li>the revision is published on main anyway: the registry's checks record {@code compatibility.checked}, the
 *       order team's subscription delivers it, signed (HMAC-SHA256 over {@code <timestamp>.<body>});</li>
 *   <li>the revision's verification fails and can-i-deploy says no.</li>
 * </ol>
 *
 * <p>The same steps are in docs/tutorial.md as commands.
 */
class ContractLoopEndToEndTest {

    static final String CONSUMER = "order-service";
    static final String PROVIDER = "inventory-service";
    static final String TEAM = "orders";
    static final String OPERATION = "GET /items/{id}";
    static final String FIELD = "name";
    static final String RULE = "response-required-property-removed";
    private static final String SECRET = "orders-hook-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

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
    void aBreakingChangeIsCaughtBeforeMergeItsConsumersTeamIsNotifiedAndItCannotBeDeployed() throws Exception {
        CovenantClient client = CovenantClient.create(ClientConfig.of(registry));
        client.putTeam(TEAM, List.of(CONSUMER));
        client.putTeam("stock", List.of(PROVIDER));
        try (WebhookReceiver orders = new WebhookReceiver()) {
            client.subscribe(TEAM, orders.url(), "json", SECRET, null);

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
            JsonNode report = awaitReport(PROVIDER, "1.0.0");
            assertThat(report.path("compatible").asBoolean()).as(report.toString()).isTrue();
            assertThat(report.path("crossChecks").findValuesAsText("consumer")).as(report.toString())
                    .contains(CONSUMER);
            assertThat(report.path("affectedConsumers")).as(report.toString()).isEmpty();

            assertThat(Cli.run(registry, "create-environment", "--name", "production", "--production").exitCode())
                    .isZero();
            assertDeployable(PROVIDER, "1.0.0");
            assertThat(Cli.run(registry, "record-deployment", "-a", PROVIDER, "-v", "1.0.0", "-e", "production")
                    .exitCode()).isZero();
            Run consumerGate = assertDeployable(CONSUMER, "1.0.0");
            assertThat(consumerGate.out()).contains(CONSUMER + " 1.0.0 -> " + PROVIDER + " 1.0.0: verified");
            assertThat(Cli.run(registry, "record-deployment", "-a", CONSUMER, "-v", "1.0.0", "-e", "production")
                    .exitCode()).isZero();

            // The next revision of inventory drops the item's name, which order-service reads. Locally first:
            Run diff = Cli.run(registry, "diff", inventoryDocument().toString(), inventoryRevision2().toString());
            assertThat(diff.exitCode()).as(diff.toString()).isEqualTo(1);
            assertThat(diff.out()).contains("response-required-property-removed", "GET /items/{id}", "name");
            Run brokenPact = Cli.run(registry, "check-pact", "--openapi", inventoryRevision2().toString(),
                    pactFile().toString());
            assertThat(brokenPact.exitCode()).as(brokenPact.toString()).isEqualTo(1);
            assertThat(brokenPact.out()).contains("response.body.incompatible", "a request for item 42");

            // The pre-merge check in the registry: which consumer, team, operation, field and rule.
            preMergeCheckNamesTheBrokenConsumer(client);
            assertThat(orders.deliveries()).as("nothing has broken order-service yet: its team heard nothing")
                    .isEmpty();

            // Merged anyway: inventory's CI publishes the revision on main and its verification fails.
            TestExecutionSummary failed = inventoryServiceCi(inventoryRevision2(), "2.0.0",
                    InventoryRevision2Verification.class);
            assertThat(failed.getTotalFailureCount()).as("the verification of the revision fails").isPositive();

            // The registry's checks found order-service broken: the order team's webhook hears it, signed.
            WebhookReceiver.Delivery notification = orders.await(CONSUMER, Duration.ofSeconds(30));
            assertNotificationNamesTheBreak(notification);

            Run stopped = Cli.run(registry, "can-i-deploy", "-a", PROVIDER, "-v", "2.0.0", "--to-environment",
                    "production");
            assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(1);
            assertThat(stopped.out()).contains(PROVIDER + " 2.0.0 to production: no",
                    CONSUMER + " 1.0.0 -> " + PROVIDER + " 2.0.0: verification failed");
        }
    }

    private static void preMergeCheckNamesTheBrokenConsumer(CovenantClient client) throws Exception {
        byte[] revision = Files.readAllBytes(inventoryRevision2());
        PreMergeReport check = client.preMergeCheck(PROVIDER, "main", revision, "application/yaml");
        assertThat(check.compatible()).isFalse();
        AffectedConsumer affected = check.affectedConsumers().stream()
                .filter(c -> c.consumer().equals(CONSUMER)).findFirst().orElseThrow(() -> new AssertionError(
                        "order-service is not among the affected consumers: " + check.affectedConsumers()));
        assertThat(affected.team()).isEqualTo(TEAM);
        assertThat(affected.failures()).anySatisfy(failure -> {
            assertThat(failure.operation()).isEqualTo(OPERATION);
            assertThat(failure.field()).isEqualTo(FIELD);
            assertThat(failure.ruleId()).isEqualTo(RULE);
        });
        assertThat(check.comparisons()).flatExtracting(c -> c.findings()).anySatisfy(finding -> {
            assertThat(finding.ruleId()).isEqualTo(RULE);
            assertThat(finding.operation()).isEqualTo(OPERATION);
            assertThat(finding.message()).contains(FIELD);
        });

        Run cli = Cli.run(registry, "check", inventoryRevision2().toString(), "-a", PROVIDER, "-b", "main");
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.out()).contains(PROVIDER + " into main: INCOMPATIBLE",
                "Breaks consumer " + CONSUMER + " (team " + TEAM + ")",
                OPERATION + "  response.body.incompatible  field " + FIELD + "  rule " + RULE);
    }

    private static void assertNotificationNamesTheBreak(WebhookReceiver.Delivery notification) throws Exception {
        String timestamp = notification.header("X-Covenant-Timestamp");
        assertThat(timestamp).as("signed deliveries carry their send time").isNotNull();
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), within(300L));
        assertThat(notification.header("X-Covenant-Signature"))
                .as("HMAC-SHA256 of <timestamp>.<body> keyed with the subscription's secret")
                .isEqualTo("sha256=" + hmac(timestamp + "." + notification.body()));
        assertThat(notification.header("X-Covenant-Event")).isEqualTo("compatibility.checked");

        JsonNode body = JSON.readTree(notification.body());
        assertThat(body.path("type").asText()).isEqualTo("compatibility.checked");
        assertThat(body.path("application").asText()).isEqualTo(PROVIDER);
        assertThat(body.path("version").asText()).isEqualTo("2.0.0");
        assertThat(body.path("compatible").asBoolean(true)).isFalse();
        assertThat(body.path("reportUrl").asText()).contains("/compatibility-reports/");
        JsonNode affected = body.path("affected");
        assertThat(affected).as(notification.body()).hasSize(1);
        assertThat(affected.get(0).path("application").asText()).isEqualTo(CONSUMER);
        assertThat(affected.get(0).path("team").asText()).isEqualTo(TEAM);
        assertThat(affected.get(0).path("role").asText()).isEqualTo("consumer");
        assertThat(affected.get(0).path("failures")).as(notification.body()).anySatisfy(failure -> {
            assertThat(failure.path("operation").asText()).isEqualTo(OPERATION);
            assertThat(failure.path("field").asText()).isEqualTo(FIELD);
            assertThat(failure.path("ruleId").asText()).isEqualTo(RULE);
        });
    }

    private static JsonNode awaitReport(String application, String version) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(registry + "/compatibility-reports?application=" + application + "&version=" + version);
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode reports = JSON.readTree(response.body()).path("_embedded").path("reports");
                if (reports.size() > 0) {
                    return reports.get(0);
                }
            }
            Thread.sleep(100); // the checks run asynchronously after the publish; poll with a deadline
        }
        throw new AssertionError("no compatibility report for " + application + " " + version + " within 30 s");
    }

    private static String hmac(String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
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
