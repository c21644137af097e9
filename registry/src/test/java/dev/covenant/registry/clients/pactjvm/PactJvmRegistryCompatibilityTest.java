package dev.covenant.registry.clients.pactjvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.clients.PactCli;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The real pact-jvm 4.6.21 clients (consumer DSL, JUnit 5 provider verification with {@code @PactBroker}, Maven
 * plugin) and the real pact CLI against the running registry, with nothing but its URL.
 */
class PactJvmRegistryCompatibilityTest extends RegistryTest {

    @TempDir
    Path work;

    String consumer;
    String provider;

    @BeforeEach
    void names() {
        consumer = unique("order-service");
        provider = unique("inventory-service");
    }

    Path pacts(String folder) {
        return PactJvmFixtures.generatePacts(work.resolve(folder), consumer, provider).getParent();
    }

    Path changedPacts(String folder) {
        return PactJvmFixtures.generateChangedPacts(work.resolve(folder), consumer, provider).getParent();
    }

    TestExecutionSummary verify(String providerVersion, String branch, boolean broken) {
        return PactJvmRunner.runProviderVerification(baseUrl(), providerVersion, branch, broken,
                Map.of(PactJvmRunner.PROVIDER_NAME_PROPERTY, provider));
    }

    /** Publishes with the pact CLI (fast); the Maven plugin's publish has tests of its own below. */
    void publish(Path pacts, String version) {
        publish(pacts, version, "main");
    }

    void publish(Path pacts, String version, String branch) {
        PactCli.Result published = cli("broker", "publish", pacts.toString(), "--consumer-app-version", version,
                "--branch", branch);
        assertThat(published.exitCode()).as(published.output()).isZero();
    }

    void publishWithMavenPlugin(Path pacts, String version) {
        MavenPactPlugin.Result published = MavenPactPlugin.publish(baseUrl(), pacts, version, "main");
        assertThat(published.exitCode()).as(published.output()).isZero();
    }

    PactCli.Result cli(String... arguments) {
        String[] all = java.util.Arrays.copyOf(arguments, arguments.length + 2);
        all[arguments.length] = "--broker-base-url";
        all[arguments.length + 1] = baseUrl();
        return PactCli.run(work, all);
    }

    String sha(String consumerVersion) {
        AtomicReference<String> href = new AtomicReference<>();
        http.get().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", provider, consumer, consumerVersion).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$._links['pb:pact-version'].name").value(name -> href.set((String) name));
        return href.get();
    }

    @Test
    void pactJvmConsumerPactsPublishedWithThePactCliAreIdempotentAndChangesAreRefused() {
        Path pacts = pacts("v1");
        PactCli.Result first = cli("broker", "publish", pacts.toString(), "--consumer-app-version", "1.0.0",
                "--branch", "main", "--tag", "dev", "--build-url", "https://ci.example/builds/7");
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("Pact successfully published");

        PactCli.Result again = cli("broker", "publish", pacts.toString(), "--consumer-app-version", "1.0.0",
                "--branch", "main");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("identical content already published");

        PactCli.Result changed = cli("broker", "publish", changedPacts("v2").toString(), "--consumer-app-version", "1.0.0");
        assertThat(changed.exitCode()).isNotZero();
        assertThat(changed.output()).contains("Cannot change the content of the pact for " + consumer + " version 1.0.0");

        http.get().uri("/pacts/provider/{p}/consumer/{c}/version/1.0.0", provider, consumer).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.metadata.pactSpecification.version").isEqualTo("4.0")
                .jsonPath("$.interactions[?(@.type == 'Asynchronous/Messages')]").exists()
                .jsonPath("$.interactions[0]._id").isNotEmpty();
        http.get().uri("/pacticipants/{c}/versions/1.0.0", consumer).exchange()
                .expectBody()
                .jsonPath("$.buildUrl").isEqualTo("https://ci.example/builds/7")
                .jsonPath("$._embedded.tags[0].name").isEqualTo("dev");
    }

    @Test
    void pactJvmVerifiesAPactPublishedWithTheMavenPluginAndPublishesTheResult() {
        publishWithMavenPlugin(pacts("v1"), "1.0.0");

        TestExecutionSummary summary = verify("2.0.0", "main", false);

        assertThat(summary.getTotalFailureCount()).isZero();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
        http.get().uri("/pacts/provider/{p}/consumer/{c}/pact-version/{sha}/verification-results/latest",
                        provider, consumer, sha("1.0.0"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.providerApplicationVersion").isEqualTo("2.0.0")
                .jsonPath("$.verifiedBy.implementation").isEqualTo("Pact-JVM")
                .jsonPath("$.testResults.length()").isEqualTo(3);
        http.get().uri("/pacticipants/{p}/branches/main", provider).exchange()
                .expectBody().jsonPath("$.latestVersion").isEqualTo("2.0.0");
    }

    @Test
    void brokenProviderFailsTheBuildOnAVerifiedPactButNotOnAPendingOne() {
        publish(pacts("v1"), "1.0.0");
        assertThat(verify("2.0.0", "main", false).getTotalFailureCount()).isZero();
        assertThat(verify("2.0.1", "main", true).getTotalFailureCount()).isPositive();

        // New content, never verified successfully: pending for every provider branch.
        publish(changedPacts("v2"), "1.1.0");
        TestExecutionSummary pending = verify("2.0.2", "main", true);

        assertThat(pending.getTotalFailureCount()).isZero();
        assertThat(pending.getTestsSucceededCount()).isPositive();
    }

    @Test
    void aWorkInProgressPactIsVerifiedWithoutFailingTheBuild() {
        publish(pacts("v1"), "1.0.0");
        assertThat(verify("2.0.0", "main", false).getTotalFailureCount()).isZero();
        // A consumer feature branch publishes new content: not selected by mainBranch, so it is a WIP pact.
        publish(changedPacts("feat"), "1.1.0-feat", "feat-sku");

        TestExecutionSummary summary = verify("2.1.0", "main", false);

        assertThat(summary.getTotalFailureCount()).isZero();
        http.get().uri("/pacts/provider/{p}/consumer/{c}/pact-version/{sha}/verification-results/latest",
                        provider, consumer, sha("1.1.0-feat"))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.providerApplicationVersion").isEqualTo("2.1.0");
    }

    @Test
    void republishingChangedContentWithTheMavenPluginIsRefused() {
        publish(pacts("v1"), "3.0.0");

        MavenPactPlugin.Result again = MavenPactPlugin.publish(baseUrl(), changedPacts("v2"), "3.0.0", "main");

        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("409");
    }

    @Test
    void mavenPluginCanIDeployAnswersAsThePactCli() {
        publish(pacts("v1"), "4.0.0");
        assertThat(cli("broker", "create-environment", "--name", "production").exitCode()).isIn(0, 1);
        assertThat(cli("broker", "create-or-update-version", "--pacticipant", provider, "--version", "5.0.0",
                "--branch", "main").exitCode()).isZero();
        assertThat(cli("broker", "record-deployment", "--pacticipant", provider, "--version", "5.0.0",
                "--environment", "production").exitCode()).isZero();

        MavenPactPlugin.Result mavenBefore = MavenPactPlugin.canIDeploy(baseUrl(), consumer, "4.0.0", "production");
        PactCli.Result cliBefore = cli("broker", "can-i-deploy", "--pacticipant", consumer, "--version", "4.0.0",
                "--to-environment", "production");
        assertThat(mavenBefore.exitCode()).isNotZero();
        assertThat(mavenBefore.output()).contains("Computer says no");
        assertThat(cliBefore.exitCode()).isNotZero();

        assertThat(verify("5.0.0", "main", false).getTotalFailureCount()).isZero();

        MavenPactPlugin.Result mavenAfter = MavenPactPlugin.canIDeploy(baseUrl(), consumer, "4.0.0", "production");
        PactCli.Result cliAfter = cli("broker", "can-i-deploy", "--pacticipant", consumer, "--version", "4.0.0",
                "--to-environment", "production");
        assertThat(mavenAfter.exitCode()).as(mavenAfter.output()).isZero();
        assertThat(mavenAfter.output()).contains("Computer says yes");
        assertThat(cliAfter.exitCode()).as(cliAfter.output()).isZero();
    }
}
