package dev.covenant.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.examples.order.InventoryClientPactTest;
import dev.covenant.examples.e2e.DocCommands.Command;
import dev.covenant.examples.e2e.ShellSession.Ran;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The README's "five-minute tour" runs as written, in order, on a fresh registry: every command of its fenced
 * {@code sh} blocks (curl and the real Pact CLI the build installs) is run in bash from a repository root that
 * has the files the tour names, with {@code http://localhost:9292} pointing at a registry started from the
 * packaged jar on an empty store. Commands with a marked {@code <placeholder>} and the pact verifier (it needs the
 * provider running, as the README says) are the only ones left out, and the test names them, so a new command
 * cannot drift out of the tour unnoticed. Also: the registry's start-up log has no alarming line that is not a
 * problem.
 */
class ReadmeTourTest {

    private static final Path REPOSITORY = Path.of("../..");
    private static final Path PACT_CLI = REPOSITORY.resolve("registry/target/clients/node_modules/.bin");
    private static final Pattern PROBLEM = Pattern.compile("\"status\"\\s*:\\s*[45]\\d\\d");

    @TempDir
    Path root;

    static List<Command> tourCommands() throws IOException {
        return DocCommands.between(REPOSITORY.resolve("README.md"), "## A five-minute tour", "## Browse it");
    }

    @Test
    void theTourRunsAsWrittenOnAFreshRegistry() throws Exception {
        assertThat(PACT_CLI.resolve("pact")).as("the Pact CLI the registry build installs (npm)").exists();
        RunningRegistry registry = RunningRegistry.fresh();
        // the files the tour names, where the repository has them (the pact: what order-service's tests write)
        Path document = root.resolve("examples/inventory-service/src/main/resources/openapi/inventory.yaml");
        Files.createDirectories(document.getParent());
        Files.copy(REPOSITORY.resolve("examples/inventory-service/src/main/resources/openapi/inventory.yaml"), document);
        Path pacts = Files.createDirectories(root.resolve("examples/order-service/target/pacts"));
        // pact-jvm reads pact.rootDir once per JVM, so the consumer tests write where every test here expects
        // (ContractLoopEndToEndTest.pactFile()); the tour's copy goes where the tour names it
        TestExecutionSummary consumerTests = JUnitRuns.run(Map.of("covenant.publish", "false"),
                InventoryClientPactTest.class);
        assertThat(consumerTests.getTotalFailureCount()).as(JUnitRuns.failures(consumerTests)).isZero();
        Path pactFile = ContractLoopEndToEndTest.pactFile();
        assertThat(pactFile).exists();
        Files.copy(pactFile, pacts.resolve("order-service-inventory-service.json"));

        ShellSession shell = new ShellSession(root,
                Map.of("PATH", PACT_CLI.toAbsolutePath().normalize() + ":" + System.getenv("PATH")),
                Map.of("http://localhost:9292", registry.url()));
        List<Ran> ran = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (Command written : tourCommands()) {
            if (written.placeholder() || written.text().startsWith("pact verifier")) {
                leftOut.add(written.text());
                continue;
            }
            ran.add(shell.run(written.text(), Duration.ofSeconds(60)));
        }

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(leftOut).as("left out: placeholders and the verifier, which needs the provider running")
                .hasSize(3)
                .anySatisfy(command -> assertThat(command).startsWith("pact verifier"))
                .anySatisfy(command -> assertThat(command).contains("hooks.slack.com"))
                .anySatisfy(command -> assertThat(command).startsWith("pact broker create-or-update-webhook"));
        softly.assertThat(ran).hasSizeGreaterThanOrEqualTo(15);
        for (Ran command : ran) {
            if (command.command().startsWith("curl -N")) {
                // the event stream is endless: --max-time ends it (curl's exit 28), having received the stream
                softly.assertThat(command.exit()).as(command.toString()).isIn(0, 28);
                continue;
            }
            softly.assertThat(command.exit()).as(command.toString()).isZero();
            softly.assertThat(PROBLEM.matcher(command.output()).find()).as(command.toString()).isFalse();
        }
        softly.assertThat(find(ran, "curl http://localhost:9292/applications/inventory-service/openapi ").output())
                .contains("1.0.0");
        softly.assertThat(find(ran, "pact broker can-i-deploy").output()).containsIgnoringCase("computer says yes");
        softly.assertThat(find(ran, "curl http://localhost:9292/environments").output()).contains("production");
        softly.assertThat(registry.log()).as("start-up log lines that are not problems")
                .doesNotContain("Failed to set up a Bean Validation provider");
        softly.assertThat(registry.log()).as("the JSON Schema validator knows the checks' own keywords")
                .doesNotContain("Unknown keyword");
        softly.assertAll();
    }

    private static Ran find(List<Ran> ran, String prefix) {
        return ran.stream().filter(r -> r.command().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no command starting with " + prefix));
    }
}
