package dev.covenant.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pact Broker flows of the real {@code pact} CLI against the registry, with nothing but its URL: publish,
 * verify with {@code pact verifier}, can-i-deploy, and the version and pacticipant commands.
 */
class PactCliBrokerFlowsTest extends RegistryTest {

    @TempDir
    Path work;

    /** Copies the fixture pact, renaming consumer and provider so tests sharing one registry stay apart. */
    Path pactDir(String consumer, String provider, boolean changed) throws IOException {
        Path dir = Files.createDirectories(work.resolve(consumer + (changed ? "-changed" : "")));
        try (InputStream in = getClass().getResourceAsStream("/pacts/order-service-inventory-service.json")) {
            String pact = new String(in.readAllBytes())
                    .replace("\"order-service\"", "\"" + consumer + "\"")
                    .replace("\"inventory-service\"", "\"" + provider + "\"");
            if (changed) {
                pact = pact.replace("\"quantity\": 3", "\"quantity\": 4");
            }
            Files.writeString(dir.resolve(consumer + "-" + provider + ".json"), pact);
        }
        return dir;
    }

    PactCli.Result pact(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("--broker-base-url");
        all.add(baseUrl());
        return PactCli.run(work, all.toArray(String[]::new));
    }

    PactCli.Result verify(String provider, int port, String version, String... selectors) {
        List<String> arguments = new ArrayList<>(List.of("verifier", "--broker-url", baseUrl(), "--provider-name",
                provider, "--hostname", "127.0.0.1", "--port", String.valueOf(port), "--publish",
                "--provider-version", version, "--provider-branch", "main", "--enable-pending"));
        for (String selector : selectors) {
            arguments.add("--consumer-version-selectors");
            arguments.add(selector);
        }
        return PactCli.run(work, arguments.toArray(String[]::new));
    }

    @Test
    void publishWithBranchTagsAndBuildUrlIsIdempotentAndChangedContentIsRefused() throws IOException {
        String consumer = unique("orders");
        String provider = unique("inventory");
        Path pacts = pactDir(consumer, provider, false);

        PactCli.Result first = pact("broker", "publish", pacts.toString(), "--consumer-app-version", "1.0.0",
                "--branch", "feat/checkout", "--tag", "dev", "--build-url", "https://ci.example/1");
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("Pact successfully published for " + consumer + " version 1.0.0")
                .doesNotContain("Warning");

        PactCli.Result again = pact("broker", "publish", pacts.toString(), "--consumer-app-version", "1.0.0",
                "--branch", "feat/checkout");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("identical content already published");

        PactCli.Result changed = pact("broker", "publish", pactDir(consumer, provider, true).toString(),
                "--consumer-app-version", "1.0.0");
        assertThat(changed.exitCode()).isNotZero();
        assertThat(changed.output()).contains("Cannot change the content of the pact for " + consumer + " version 1.0.0");

        http.get().uri("/pacticipants/{c}/versions/1.0.0", consumer).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.buildUrl").isEqualTo("https://ci.example/1")
                .jsonPath("$._embedded.branchVersions[0].name").isEqualTo("feat/checkout")
                .jsonPath("$._embedded.tags[0].name").isEqualTo("dev");
        http.get().uri(java.net.URI.create(baseUrl() + "/pacts/provider/" + provider + "/consumer/" + consumer
                        + "/branch/feat%2Fcheckout/latest")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.interactions[0].response.body.quantity").isEqualTo(3);
    }

    @Test
    void canIDeployFollowsVerificationsFromThePactVerifier() throws IOException {
        String consumer = unique("orders");
        String provider = unique("inventory");
        String environment = unique("production");
        assertThat(pact("broker", "publish", pactDir(consumer, provider, false).toString(), "--consumer-app-version",
                "1.0.0", "--branch", "main").exitCode()).isZero();
        assertThat(pact("broker", "create-environment", "--name", environment, "--production").exitCode()).isZero();
        assertThat(pact("broker", "create-or-update-version", "--pacticipant", provider, "--version", "2.0.0",
                "--branch", "main").exitCode()).isZero();
        assertThat(pact("broker", "record-deployment", "--pacticipant", provider, "--version", "2.0.0",
                "--environment", environment).exitCode()).isZero();

        PactCli.Result before = pact("broker", "can-i-deploy", "--pacticipant", consumer, "--version", "1.0.0",
                "--to-environment", environment);
        assertThat(before.exitCode()).isNotZero();
        assertThat(before.output()).contains("There is no verified pact between version 1.0.0 of " + consumer);

        try (InventoryProvider good = InventoryProvider.start(false)) {
            PactCli.Result verified = verify(provider, good.port(), "2.0.0", "{\"mainBranch\":true}");
            assertThat(verified.exitCode()).as(verified.output()).isZero();
            assertThat(verified.output()).contains("a request for item 42").contains("is in pending state");
        }
        PactCli.Result after = pact("broker", "can-i-deploy", "--pacticipant", consumer, "--version", "1.0.0",
                "--to-environment", environment);
        assertThat(after.exitCode()).as(after.output()).isZero();
        assertThat(after.output()).contains("All required verification results are published and successful");

        // The consumer is deployed; a broken provider version fails verification (not pending any more) and
        // may not be deployed.
        assertThat(pact("broker", "record-deployment", "--pacticipant", consumer, "--version", "1.0.0",
                "--environment", environment).exitCode()).isZero();
        try (InventoryProvider broken = InventoryProvider.start(true)) {
            PactCli.Result failed = verify(provider, broken.port(), "3.0.0", "{\"deployedOrReleased\":true}");
            assertThat(failed.exitCode()).as(failed.output()).isNotZero();
        }
        PactCli.Result refused = pact("broker", "can-i-deploy", "--pacticipant", provider, "--version", "3.0.0",
                "--to-environment", environment);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("The verification for the pact between");
        http.get().uri("/matrix?q[][pacticipant]={p}&q[][version]=3.0.0&latestby=cvp&environment={e}", provider, environment)
                .exchange()
                .expectBody()
                .jsonPath("$.summary.deployable").isEqualTo(false)
                .jsonPath("$.matrix[0].verificationResult.success").isEqualTo(false);
    }

    @Test
    void retryWhileUnknownWaitsForTheVerification() throws Exception {
        String consumer = unique("orders");
        String provider = unique("inventory");
        assertThat(pact("broker", "publish", pactDir(consumer, provider, false).toString(), "--consumer-app-version",
                "1.0.0", "--branch", "main").exitCode()).isZero();
        PactCli.Result unknown = pact("broker", "can-i-deploy", "--pacticipant", consumer, "--version", "1.0.0",
                "--to", "prod", "--retry-while-unknown", "2", "--retry-interval", "1");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.output()).contains("There is no verified pact");

        assertThat(pact("broker", "create-version-tag", "--pacticipant", provider, "--version", "5.0.0", "--tag", "prod",
                "--auto-create-version")
                .exitCode()).isZero();
        java.util.concurrent.CompletableFuture<PactCli.Result> waiting = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                pact("broker", "can-i-deploy", "--pacticipant", consumer, "--version", "1.0.0", "--to", "prod",
                        "--retry-while-unknown", "20", "--retry-interval", "1"));
        Thread.sleep(1500); // let the CLI see "unknown" at least once before the result exists
        try (InventoryProvider good = InventoryProvider.start(false)) {
            PactCli.Result verified = verify(provider, good.port(), "5.0.0", "{\"latest\":true}");
            assertThat(verified.exitCode()).as(verified.output()).isZero();
        }
        PactCli.Result result = waiting.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Computer says yes");
    }

    @Test
    void versionAndPacticipantCommandsAnswerAsThePactBroker() throws IOException {
        String consumer = unique("orders");
        String provider = unique("inventory");
        assertThat(pact("broker", "publish", pactDir(consumer, provider, false).toString(), "--consumer-app-version",
                "1.0.0", "--branch", "main").exitCode()).isZero();

        PactCli.Result created = pact("broker", "create-or-update-version", "--pacticipant", consumer, "--version",
                "1.1.0", "--branch", "feat/x");
        assertThat(created.exitCode()).as(created.output()).isZero();
        assertThat(pact("broker", "create-version-tag", "--pacticipant", consumer, "--version", "1.1.0", "--tag", "qa")
                .exitCode()).isZero();

        PactCli.Result described = pact("broker", "describe-version", "--pacticipant", consumer, "--version", "1.1.0");
        assertThat(described.exitCode()).as(described.output()).isZero();
        assertThat(described.output()).contains("1.1.0").contains("qa");
        PactCli.Result latest = pact("broker", "describe-version", "--pacticipant", consumer, "--latest");
        assertThat(latest.output()).contains("1.1.0");

        PactCli.Result pacticipant = pact("broker", "describe-pacticipant", "--name", consumer);
        assertThat(pacticipant.exitCode()).isZero();
        assertThat(pacticipant.output()).contains("Main Branch: main");
        assertThat(pact("broker", "list-pacticipants").output()).contains(consumer).contains(provider);
        assertThat(pact("broker", "list-latest-pact-versions").output()).contains(consumer).contains(provider);

        PactCli.Result merge = pact("broker", "can-i-merge", "--pacticipant", consumer, "--version", "1.1.0");
        assertThat(merge.exitCode()).as(merge.output()).isZero(); // 1.1.0 has no pacts: nothing can break

        PactCli.Result deleted = pact("broker", "delete-branch", "--pacticipant", consumer, "--branch", "feat/x");
        assertThat(deleted.exitCode()).as(deleted.output()).isZero();
        http.get().uri(java.net.URI.create(baseUrl() + "/pacticipants/" + consumer + "/branches/feat%2Fx")).exchange()
                .expectStatus().isNotFound();
    }
}
