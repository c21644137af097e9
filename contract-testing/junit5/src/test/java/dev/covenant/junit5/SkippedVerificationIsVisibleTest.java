package dev.covenant.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * A provider verification skipped for want of a registry says so in the build output (a green build must not hide
 * it), and the JUnit 5 support's advice names its own settings (covenant.*, COVENANT_*), not the CLI's options.
 */
class SkippedVerificationIsVisibleTest {

    /** A verification class as a provider writes it; run through the JUnit Platform below, never on its own. */
    @CovenantPacts
    static class InventoryVerification {
        @Test
        void verifies() {
            throw new AssertionError("must not run without a registry");
        }
    }

    @Test
    void aClassSkippedForAMissingRegistryPrintsAWarningLine() {
        // the JVM running this test has neither covenant.url nor COVENANT_URL
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("COVENANT_URL") == null
                && System.getProperty("covenant.url") == null && System.getProperty("pactbroker.url") == null);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(InventoryVerification.class)).build(), summary);
        } finally {
            System.setErr(original);
        }

        assertThat(summary.getSummary().getContainersSkippedCount()).isEqualTo(1);
        assertThat(summary.getSummary().getTestsStartedCount()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("[covenant] WARNING: provider verification"
                + " InventoryVerification SKIPPED: no Covenant registry configured: set covenant.url (system property)"
                + " or COVENANT_URL (environment)");
    }

    @Test
    void inGitHubActionsTheSkipIsAlsoAWarningAnnotation() {
        assertThat(CovenantVerificationExtension.skipLines("InventoryVerification", Map.of("GITHUB_ACTIONS", "true")))
                .hasSize(2).last().asString().startsWith("::warning title=Covenant::provider verification"
                        + " InventoryVerification SKIPPED");
        assertThat(CovenantVerificationExtension.skipLines("InventoryVerification", Map.of())).hasSize(1);
    }

    @Test
    void inCiARegistryWithoutCredentialsIsNamedInTheSupportsOwnSettings() {
        Map<String, String> ci = Map.of("GITHUB_ACTIONS", "true", "GITHUB_SHA", "abc", "COVENANT_URL", "http://r:9292");
        CovenantSettings bare = CovenantSettings.resolve(name -> null, ci);

        assertThat(CovenantVerificationExtension.credentialsNotice("V", bare, false, ci)).get().asString()
                .contains("covenant.token or COVENANT_TOKEN").doesNotContain("--token");
        assertThat(CovenantVerificationExtension.credentialsNotice("V", bare, true, ci)).isEmpty();
        assertThat(CovenantVerificationExtension.credentialsNotice("V", bare, false, Map.of())).isEmpty();
    }

    @Test
    void aRefusalFromTheRegistryNamesTheJunitSettingsNotTheCliOptions(@TempDir Path dir) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"status\":401,\"detail\":\"credentials required\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Path pact = Files.writeString(dir.resolve("c-p.json"), "{\"consumer\":{\"name\":\"c\"},\"provider\":{\"name\":\"p\"},"
                    + "\"interactions\":[],\"metadata\":{\"pactSpecification\":{\"version\":\"3.0.0\"}}}");
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            var published = PactPublisher.publish(CovenantSettings.resolve(name -> null, Map.of("GITHUB_ACTIONS", "true",
                    "GITHUB_SHA", "abc123", "COVENANT_URL", url)), List.of(pact), 0, System.out,
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(published).isEmpty();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("(401)", "covenant.token or COVENANT_TOKEN",
                    "covenant.username/covenant.password").doesNotContain("--token", "--username");
        } finally {
            server.stop(0);
        }
    }
}
