package dev.covenant.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pact-js ({@code @pact-foundation/pact} from npm, its Rust core included) against the registry, unchanged: a
 * consumer test writes a pact, the {@code pact} CLI publishes it, and pact-js's {@code Verifier} verifies the
 * provider from the registry with consumer version selectors, pending and WIP pacts, and publishes the result.
 * The scripts are {@code src/test/clients/pactjs/*.js}.
 */
class PactJsTest extends RegistryTest {

    @TempDir
    Path work;

    record Run(int exitCode, String output) {
    }

    /** The folder npm installed the clients into (target/clients), found from the pact CLI's location. */
    private static Path clients() {
        return PactCli.executable().toAbsolutePath().getParent().getParent().getParent();
    }

    private Run node(Map<String, String> env, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(work, "node", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(clients().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PACT_DO_NOT_TRACK", "true");
        builder.environment().put("SCARF_ANALYTICS", "false");
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("node " + String.join(" ", arguments) + " did not finish in 180 s");
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private Path consumerPact(String consumer, String provider) throws Exception {
        Path dir = Files.createDirectories(work.resolve(consumer));
        Run run = node(Map.of("PACT_DIR", dir.toString()), "pactjs/consumer.js", consumer, provider);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(dir.resolve(consumer + "-" + provider + ".json")).exists();
        return dir;
    }

    private void publish(Path pacts, String version, String branch) {
        PactCli.Result published = PactCli.run(work, "broker", "publish", pacts.toString(), "--consumer-app-version",
                version, "--branch", branch, "--broker-base-url", baseUrl());
        assertThat(published.exitCode()).as(published.output()).isZero();
    }

    @Test
    void pactJsConsumerAndVerifierWorkUnchanged() throws Exception {
        String provider = unique("items-api");
        String mainConsumer = unique("web-shop");
        String featureConsumer = unique("mobile-app");
        publish(consumerPact(mainConsumer, provider), "1.0.0", "main");
        // Only on a feature branch: no selector matches it, so it is verified as a work-in-progress pact.
        publish(consumerPact(featureConsumer, provider), "0.1.0", "feat/new-screen");

        Run verified = node(Map.of(), "pactjs/provider.js", baseUrl(), provider, "2.0.0", "main");

        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output())
                .contains("pact-js verification passed")
                .contains("latest version of " + mainConsumer + " from the main branch")
                .contains("pending state")
                .contains("work in progress");
        http.get().uri(java.net.URI.create(baseUrl() + "/matrix?q%5B%5D%5Bpacticipant%5D=" + mainConsumer
                        + "&q%5B%5D%5Bversion%5D=1.0.0&q%5B%5D%5Bpacticipant%5D=" + provider
                        + "&q%5B%5D%5Bversion%5D=2.0.0&latestby=cvpv"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.matrix[0].verificationResult.success").isEqualTo(true);
    }
}
