package dev.covenant.registry.clients.pactjvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The real pact-jvm 4.6.21 clients against the running registry: what {@link PactJvmHarnessTest} proves against a
 * fake broker, here end to end. The acceptance template for the Pact Broker-compatible endpoints; the expectations
 * are the Pact Broker's behaviour and have not run yet.
 */
@Disabled("needs the Pact Broker-compatible endpoints (contracts publish, for-verification, verification results, "
        + "matrix); enable when they land")
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

    void publish(Path pacts, String version) {
        MavenPactPlugin.Result published = MavenPactPlugin.publish(baseUrl(), pacts, version, "main");
        assertThat(published.exitCode()).as(published.output()).isZero();
    }

    @Test
    void pactJvmVerifiesAPactPublishedWithTheMavenPluginAndPublishesTheResult() {
        publish(pacts("v1"), "1.0.0");

        TestExecutionSummary summary = verify("2.0.0", "main", false);

        assertThat(summary.getTotalFailureCount()).isZero();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
        http.get().uri("/pacts/provider/{p}/consumer/{c}/version/1.0.0", provider, consumer)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$._links['pb:latest-verification-results'].href").exists();
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
    }

    @Test
    void republishingChangedContentForTheSameConsumerVersionIsRefused() {
        publish(pacts("v1"), "3.0.0");

        MavenPactPlugin.Result again = MavenPactPlugin.publish(baseUrl(), changedPacts("v2"), "3.0.0", "main");

        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("409");
    }

    @Test
    void canIDeployWithTheMavenPluginSaysNoBeforeAnyVerification() {
        publish(pacts("v1"), "4.0.0");

        MavenPactPlugin.Result result = MavenPactPlugin.canIDeploy(baseUrl(), consumer, "4.0.0", "production");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("Computer says no");
    }
}
