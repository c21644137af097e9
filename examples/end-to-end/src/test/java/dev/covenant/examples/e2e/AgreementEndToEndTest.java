package dev.covenant.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.covenant.client.ClientConfig;
import dev.covenant.client.CovenantClient;
import dev.covenant.examples.e2e.Cli.Run;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Registering an interface on agreement, end to end against the real registry, with the example services' pact
 * and documents: inventory's team proposes dropping the item's {@code name}, which order-service reads; the order
 * team is a required reviewer, receives a signed {@code proposal.opened} naming the field and requests changes
 * ({@code covenant review}); a revision keeps the field and adds an optional one ({@code covenant propose --revise});
 * the order team approves and the proposal is agreed ({@code covenant proposal --wait-agreed} exits 0). With {@code agreement: require} + {@code enforce}, publishing
 * the implementation that drops the field anyway is refused naming the unagreed finding; the agreed document is
 * accepted and its report says it matches the agreement; in warn mode the unagreed one is stored and can-i-deploy
 * answers no. The applications get names of their own so the scenario does not meet the contract loop's.
 */
class AgreementEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "orders-review-secret";
    private static final String OPERATION = "GET /items/{id}";
    private static final Pattern PROPOSAL_ID = Pattern.compile("Proposal (\\S+) for");

    private static String registry;

    @BeforeAll
    static void start() {
        registry = RunningRegistry.get().url();
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }

    @Test
    void aBreakingChangeIsAgreedWithTheConsumersTeamBeforeItShipsAndAnUnagreedOneIsRefused() throws Exception {
        String provider = unique("inventory-service");
        String consumer = unique("order-service");
        String inventoryTeam = unique("stock");
        String ordersTeam = unique("orders");
        CovenantClient client = CovenantClient.create(ClientConfig.of(registry));
        client.putTeam(inventoryTeam, List.of(provider));
        client.putTeam(ordersTeam, List.of(consumer));
        client.ensureEnvironment("production", true);
        try (WebhookReceiver orders = new WebhookReceiver()) {
            client.subscribe(ordersTeam, orders.url(), "json", SECRET, null);
            Run published = Cli.run(registry, "publish-openapi", ContractLoopEndToEndTest.inventoryDocument().toString(),
                    "-a", provider, "-v", "1.0.0", "-b", "main");
            assertThat(published.exitCode()).as(published.toString()).isZero();
            publishOrderServicePact(consumer, provider);

            // inventory's team proposes the revision that drops the item's name
            Run proposed = Cli.run(registry, "propose", ContractLoopEndToEndTest.inventoryRevision2().toString(),
                    "-a", provider, "--team", inventoryTeam, "--title", "Drop the item name");
            assertThat(proposed.exitCode()).as(proposed.toString()).isZero();
            assertThat(proposed.out()).contains("ERR  response-required-property-removed " + OPERATION)
                    .contains("Breaks " + consumer + " 1.0.0 (team " + ordersTeam + ")")
                    .contains(OPERATION + " field name")
                    .contains("Reviewer " + ordersTeam + ": required, pending");
            Matcher id = PROPOSAL_ID.matcher(proposed.out());
            assertThat(id.find()).as(proposed.out()).isTrue();
            String proposal = id.group(1);

            WebhookReceiver.Delivery opened = orders.await("\"proposal.opened\"", Duration.ofSeconds(30));
            assertSigned(opened);
            JsonNode openedBody = JSON.readTree(opened.body());
            assertThat(openedBody.path("proposalUrl").asText()).startsWith("http").endsWith("/proposals/" + proposal);
            JsonNode concern = openedBody.path("affected").get(0);
            assertThat(concern.path("team").asText()).isEqualTo(ordersTeam);
            assertThat(concern.path("role").asText()).isEqualTo("required-reviewer");
            assertThat(concern.path("failures").findValuesAsText("field")).contains("name");

            // the order team asks for changes (the CLI finds the one open proposal awaiting it); a team the
            // proposal does not await is told so, and nothing is recorded
            Run notAwaited = Cli.run(registry, "review", "-a", provider, "--team", inventoryTeam, "--approve");
            assertThat(notAwaited.exitCode()).as(notAwaited.toString()).isEqualTo(2);
            assertThat(notAwaited.err()).contains("no proposal of " + provider + " is open and awaiting team "
                    + inventoryTeam);
            Run changesAsked = Cli.run(registry, "review", "-a", provider, "--team", ordersTeam, "--request-changes",
                    "--comment", "order-service shows the name");
            assertThat(changesAsked.exitCode()).as(changesAsked.toString()).isZero();
            assertThat(changesAsked.out()).contains("Reviewer " + ordersTeam + ": required, changes-requested");

            // a revision keeps name and adds an optional field (the tutorial's document: inventory.yaml + colour)
            Path agreedFile = Path.of("src/test/resources/inventory-v2-agreed.yaml");
            String agreedDocument = Files.readString(agreedFile);
            assertThat(agreedDocument).isEqualTo(Files.readString(ContractLoopEndToEndTest.inventoryDocument())
                    .replace("        sku:\n          type: string\n",
                            "        sku:\n          type: string\n        colour:\n          type: string\n"))
                    .contains("colour");
            Run revised = Cli.run(registry, "propose", agreedFile.toString(), "-a", provider, "--team", inventoryTeam,
                    "--revise");
            assertThat(revised.exitCode()).as(revised.toString()).isZero();
            assertThat(revised.out()).contains("Proposal " + proposal + " for " + provider + " (revision 2, open)")
                    .contains(", 0 breaking").doesNotContain("Breaks ")
                    .contains("Reviewer " + ordersTeam + ": required, pending");
            JsonNode revision = JSON.readTree(get("/proposals/" + proposal).body());
            assertThat(revision.path("revision").asInt()).isEqualTo(2);
            assertThat(revision.path("impact")).isEmpty();
            assertThat(revision.path("findings").findValuesAsText("level")).doesNotContain("ERR");

            Run stillOpen = Cli.run(registry, "proposal", proposal, "--wait-agreed", "--wait-timeout", "1s",
                    "--poll-interval", "1s");
            assertThat(stillOpen.exitCode()).as(stillOpen.toString()).isEqualTo(1);
            assertThat(stillOpen.out()).contains("awaiting " + ordersTeam).contains("Not agreed within");

            Run approved = Cli.run(registry, "review", proposal, "--team", ordersTeam, "--approve");
            assertThat(approved.exitCode()).as(approved.toString()).isZero();
            assertThat(approved.out()).contains("Reviewer " + ordersTeam + ": required, approved").contains("Now agreed");
            Run agreed = Cli.run(registry, "proposal", "-a", provider, "--wait-agreed", "--wait-timeout", "30s");
            assertThat(agreed.exitCode()).as(agreed.toString()).isZero();
            assertThat(agreed.out()).contains("Proposal " + proposal + " ").contains(": agreed (revision 2)");
            assertSigned(orders.await("\"proposal.agreed\"", Duration.ofSeconds(30)));
            HttpResponse<String> agreedContract = get("/applications/" + provider + "/agreed");
            assertThat(agreedContract.statusCode()).isEqualTo(200);
            assertThat(agreedContract.body()).isEqualTo(agreedDocument);
            assertThat(agreedContract.headers().firstValue("X-Covenant-Proposal")).hasValue(proposal + ";revision=2");

            // the agreement is binding: the implementation that drops name anyway is refused
            assertThat(send("PUT", "/applications/" + provider + "/policy", Map.of("level", "NONE", "mode", "enforce",
                    "agreement", "require")).statusCode()).isEqualTo(200);
            Run refused = Cli.run(registry, "publish-openapi", ContractLoopEndToEndTest.inventoryRevision2().toString(),
                    "-a", provider, "-v", "2.0.0", "-b", "main");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(6);
            assertThat(refused.err()).contains("409").contains("response-required-property-removed on " + OPERATION)
                    .contains(ordersTeam);
            assertThat(get("/applications/" + provider + "/versions/2.0.0/openapi").statusCode()).isEqualTo(404);

            Run accepted = Cli.run(registry, "publish-openapi", agreedFile.toString(), "-a", provider, "-v", "2.0.0",
                    "-b", "main");
            assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
            JsonNode verdict = awaitReport(provider, "2.0.0").path("policy").path("agreementVerdict");
            assertThat(verdict.path("matches").asBoolean()).as(verdict.toString()).isTrue();
            assertThat(verdict.path("proposalId").asText()).isEqualTo(proposal);
            Run deployable = Cli.run(registry, "can-i-deploy", "-a", provider, "-v", "2.0.0", "--to-environment", "production");
            assertThat(deployable.exitCode()).as(deployable.toString()).isZero();

            // in warn mode the unagreed implementation is stored, flagged, and not deployable
            assertThat(send("PUT", "/applications/" + provider + "/policy", Map.of("level", "NONE", "mode", "warn",
                    "agreement", "require")).statusCode()).isEqualTo(200);
            Run stored = Cli.run(registry, "publish-openapi", ContractLoopEndToEndTest.inventoryRevision2().toString(),
                    "-a", provider, "-v", "3.0.0", "-b", "main");
            assertThat(stored.exitCode()).as(stored.toString()).isZero();
            JsonNode flagged = awaitReport(provider, "3.0.0").path("policy").path("agreementVerdict");
            assertThat(flagged.path("flagged").asBoolean()).as(flagged.toString()).isTrue();
            assertThat(flagged.path("matches").asBoolean(true)).isFalse();
            Run notDeployable = Cli.run(registry, "can-i-deploy", "-a", provider, "-v", "3.0.0", "--to-environment",
                    "production");
            assertThat(notDeployable.exitCode()).as(notDeployable.toString()).isEqualTo(1);
            assertThat(notDeployable.out()).contains(provider + " 3.0.0 to production: no").contains("nobody agreed");
        }
    }

    /** order-service's pact as its pact-jvm tests write it, published under this scenario's application names. */
    private static void publishOrderServicePact(String consumer, String provider) throws Exception {
        TestExecutionSummary tests = JUnitRuns.run(Map.of("covenant.publish", "false"), InventoryClientPactTest.class);
        assertThat(tests.getTotalFailureCount()).as(JUnitRuns.failures(tests)).isZero();
        ObjectNode pact = (ObjectNode) JSON.readTree(ContractLoopEndToEndTest.pactFile().toFile());
        ((ObjectNode) pact.path("consumer")).put("name", consumer);
        ((ObjectNode) pact.path("provider")).put("name", provider);
        assertThat(send("PUT", "/pacticipants/" + consumer + "/branches/main/versions/1.0.0", Map.of()).statusCode())
                .isEqualTo(200);
        HttpResponse<String> published = send("PUT", "/pacts/provider/" + provider + "/consumer/" + consumer
                + "/version/1.0.0", pact);
        assertThat(published.statusCode()).as(published.body()).isBetween(200, 201);
    }

    private static void assertSigned(WebhookReceiver.Delivery delivery) throws Exception {
        String timestamp = delivery.header("X-Covenant-Timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), within(300L));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(delivery.header("X-Covenant-Signature")).isEqualTo("sha256=" + HexFormat.of()
                .formatHex(mac.doFinal((timestamp + "." + delivery.body()).getBytes(StandardCharsets.UTF_8))));
    }

    private static JsonNode awaitReport(String application, String version) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = get("/compatibility-reports?application=" + application + "&version=" + version);
            JsonNode reports = JSON.readTree(response.body()).path("_embedded").path("reports");
            if (response.statusCode() == 200 && reports.size() > 0) {
                return reports.get(0);
            }
            Thread.sleep(100); // the checks run asynchronously after the publish; poll with a deadline
        }
        throw new AssertionError("no compatibility report for " + application + " " + version + " within 30 s");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, Object body) throws Exception {
        return send("POST", path, body);
    }

    private static HttpResponse<String> send(String method, String path, Object body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry + path))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
