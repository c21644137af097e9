package dev.covenant.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.client.ClientConfig;
import dev.covenant.client.CovenantClient;
import dev.covenant.client.Results.AffectedConsumer;
import dev.covenant.client.Results.PreMergeReport;
import dev.covenant.examples.e2e.Cli.Run;
import dev.covenant.examples.inventory.InventoryPactVerificationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The registry-side half of the loop (issue 5, API in docs/design/contracts-between-parts.md): the cross-check
 * report when inventory publishes, the pre-merge check of the breaking revision naming order-service, the operation,
 * the field and the rule, the order team's webhook, and can-i-deploy saying no without any provider verification.
 *
 * <p>If the registry refuses webhook targets on loopback, pass its allow-list setting to the test registry with
 * {@code -Dcovenant.e2e.registry.args=--covenant.notifications....=...} (see {@link RunningRegistry}).
 */
final class PreMergeScenario {

    private static final String SECRET = "orders-hook-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PreMergeScenario() {
    }

    static void run(String registry) throws Exception {
        CovenantClient client = CovenantClient.create(ClientConfig.of(registry));
        client.putTeam("orders", List.of(ContractLoopEndToEndTest.CONSUMER));
        client.putTeam("stock", List.of(ContractLoopEndToEndTest.PROVIDER));
        try (WebhookReceiver orders = new WebhookReceiver()) {
            client.subscribe("orders", orders.url(), "json", SECRET, null);

            // The baseline (idempotent if the other test published it already).
            ContractLoopEndToEndTest.orderServiceCi();
            ContractLoopEndToEndTest.inventoryServiceCi(ContractLoopEndToEndTest.inventoryDocument(), "1.0.0",
                    InventoryPactVerificationTest.class);
            JsonNode report = awaitReport(registry, ContractLoopEndToEndTest.PROVIDER, "1.0.0");
            assertThat(report.path("compatible").asBoolean()).as(report.toString()).isTrue();
            assertThat(report.path("crossChecks").findValuesAsText("consumer")).contains(ContractLoopEndToEndTest.CONSUMER);

            // The pre-merge check of the revision: which consumer, operation, field and rule.
            byte[] revision = Files.readAllBytes(ContractLoopEndToEndTest.inventoryRevision2());
            PreMergeReport check = client.preMergeCheck(ContractLoopEndToEndTest.PROVIDER, "main", revision,
                    "application/yaml");
            assertThat(check.compatible()).isFalse();
            AffectedConsumer affected = check.affectedConsumers().stream()
                    .filter(c -> c.consumer().equals(ContractLoopEndToEndTest.CONSUMER)).findFirst().orElseThrow();
            assertThat(affected.team()).isEqualTo("orders");
            assertThat(affected.failures()).anySatisfy(failure -> {
                assertThat(failure.operation()).isEqualTo("GET /items/{id}");
                assertThat(failure.pointer() + " " + failure.message()).contains("name");
            });
            assertThat(check.comparisons()).flatExtracting(c -> c.findings()).anySatisfy(finding -> {
                assertThat(finding.ruleId()).isEqualTo("response-required-property-removed");
                assertThat(finding.operation()).isEqualTo("GET /items/{id}");
                assertThat(finding.message()).contains("name");
            });

            Run cli = Cli.run(registry, "check", ContractLoopEndToEndTest.inventoryRevision2().toString(),
                    "-a", ContractLoopEndToEndTest.PROVIDER, "-b", "main");
            assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
            assertThat(cli.out()).contains("INCOMPATIBLE", "Breaks consumer order-service (team orders)",
                    "GET /items/{id}", "response-required-property-removed", "name");

            // Publishing the revision anyway (on a branch): the order team hears about it.
            Run published = Cli.run(registry, "publish-openapi", ContractLoopEndToEndTest.inventoryRevision2().toString(),
                    "-a", ContractLoopEndToEndTest.PROVIDER, "-v", "2.1.0", "-b", "feat/drop-name");
            assertThat(published.exitCode()).as(published.toString()).isZero();
            WebhookReceiver.Delivery notification = orders.await(ContractLoopEndToEndTest.CONSUMER, Duration.ofSeconds(30));
            assertThat(notification.body()).contains(ContractLoopEndToEndTest.PROVIDER, "GET /items/{id}");
            assertThat(notification.header("X-Covenant-Signature")).isEqualTo("sha256=" + hmac(notification.body()));

            // The failed cross-check stands in for a verification: no deploying 2.1.0 where order-service runs.
            Cli.run(registry, "create-environment", "--name", "production", "--production");
            Cli.run(registry, "record-deployment", "-a", ContractLoopEndToEndTest.CONSUMER, "-v", "1.0.0", "-e", "production");
            Run gate = Cli.run(registry, "can-i-deploy", "-a", ContractLoopEndToEndTest.PROVIDER, "-v", "2.1.0",
                    "--to-environment", "production");
            assertThat(gate.exitCode()).as(gate.toString()).isEqualTo(1);
        }
    }

    private static JsonNode awaitReport(String registry, String application, String version) throws Exception {
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
            Thread.sleep(200); // the checks run asynchronously after the publish; poll with a deadline
        }
        throw new AssertionError("no compatibility report for " + application + " " + version + " within 30 s");
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
