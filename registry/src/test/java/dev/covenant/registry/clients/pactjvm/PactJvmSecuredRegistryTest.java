package dev.covenant.registry.clients.pactjvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.SecuredRegistryTest;
import dev.covenant.registry.clients.PactCli;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * pact-jvm 4.6.21 verifying against the registry in secured mode with HTTP basic credentials: it sends them only after
 * the registry's {@code WWW-Authenticate: Basic} challenge (see {@code PactJvmHarnessTest} for the client side), then
 * fetches the pacts and publishes the results as the provider's own team.
 */
class PactJvmSecuredRegistryTest extends SecuredRegistryTest {

    @TempDir
    Path work;

    @Test
    void providerVerificationAuthenticatesThroughTheBasicChallengeAndPublishesResults() {
        String consumer = unique("order-service");
        String provider = unique("inventory-service");
        String consumerToken = createToken(unique("orders-ci"), "publish", "orders");
        String providerTokenName = unique("inventory-ci");
        String providerToken = createToken(providerTokenName, "publish", "inventory");
        assignTeam(provider, "inventory");
        Path pacts = PactJvmFixtures.generatePacts(work.resolve("pacts"), consumer, provider).getParent();
        PactCli.Result published = PactCli.run(work, "broker", "publish", pacts.toString(), "--consumer-app-version",
                "1.0.0", "--branch", "main", "--broker-base-url", baseUrl(), "--broker-token", consumerToken);
        assertThat(published.exitCode()).as(published.output()).isZero();

        TestExecutionSummary summary = PactJvmRunner.runProviderVerification(baseUrl(), "2.0.0", "main", false,
                Map.of(PactJvmRunner.PROVIDER_NAME_PROPERTY, provider,
                        "pactbroker.auth.username", providerTokenName,
                        "pactbroker.auth.password", providerToken));

        assertThat(summary.getTotalFailureCount()).isZero();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
        admin().get().uri("/pacts/provider/{p}/consumer/{c}/pact-version/{sha}/verification-results/latest",
                        provider, consumer, sha(provider, consumer))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.providerApplicationVersion").isEqualTo("2.0.0");
        admin().get().uri("/admin/audit?actor={n}&limit=20", providerTokenName).exchange()
                .expectBody()
                .jsonPath("$._embedded.entries[?(@.path =~ /.*verification-results$/)].status").isEqualTo(201);
    }

    @Test
    void providerVerificationWithAnotherTeamsCredentialsCannotPublishResults() {
        String consumer = unique("order-service");
        String provider = unique("inventory-service");
        String consumerToken = createToken(unique("orders-ci"), "publish", "orders");
        String intruderName = unique("intruder-ci");
        String intruderToken = createToken(intruderName, "publish", "intruders");
        assignTeam(provider, "inventory");
        Path pacts = PactJvmFixtures.generatePacts(work.resolve("pacts"), consumer, provider).getParent();
        PactCli.Result published = PactCli.run(work, "broker", "publish", pacts.toString(), "--consumer-app-version",
                "1.0.0", "--branch", "main", "--broker-base-url", baseUrl(), "--broker-token", consumerToken);
        assertThat(published.exitCode()).as(published.output()).isZero();

        PactJvmRunner.runProviderVerification(baseUrl(), "2.0.0", "main", false,
                Map.of(PactJvmRunner.PROVIDER_NAME_PROPERTY, provider,
                        "pactbroker.auth.username", intruderName,
                        "pactbroker.auth.password", intruderToken));

        admin().get().uri("/pacts/provider/{p}/consumer/{c}/pact-version/{sha}/verification-results/latest",
                        provider, consumer, sha(provider, consumer))
                .exchange()
                .expectStatus().isNotFound();
        admin().get().uri("/admin/audit?actor={n}&limit=20", intruderName).exchange()
                .expectBody()
                .jsonPath("$._embedded.entries[?(@.path =~ /.*verification-results$/)].status").isEqualTo(403);
    }

    private String sha(String provider, String consumer) {
        AtomicReference<String> sha = new AtomicReference<>();
        admin().get().uri("/pacts/provider/{p}/consumer/{c}/version/1.0.0", provider, consumer).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$._links['pb:pact-version'].name").value(name -> sha.set((String) name));
        return sha.get();
    }
}
