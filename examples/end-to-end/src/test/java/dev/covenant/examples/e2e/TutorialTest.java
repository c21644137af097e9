package dev.covenant.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.examples.e2e.DocCommands.Command;
import dev.covenant.examples.e2e.ShellSession.Ran;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/tutorial.md runs as written, in order, in one shell, on a fresh registry: every command of its fenced
 * {@code sh} blocks is run in bash from the root of a copy of the repository's sources (a git repository, so the
 * tutorial's {@code sed} and {@code git checkout} act on the copy, never on this checkout), including its nested
 * Maven builds of the example services (offline: the build running this test has resolved what they need). The
 * registry is the tutorial's own command, {@code registry/run} with its arguments, on a free port and an empty store;
 * {@code http://localhost:9292} in the commands is that registry. The tutorial's first command, the build, is the
 * one that runs this test (the copy gets its CLI jar); a command with a marked {@code <placeholder>} could not run,
 * and the test fails when anything but those two is left out.
 *
 * <p>What the tutorial says a command prints is asserted in two directions: each expected line appears in
 * docs/tutorial.md (so the test checks what the reader is told) and in the command's output, with the exit code the
 * tutorial gives. A command the registry answers from background work ("a moment later") is re-run until its
 * lines appear, for up to a minute. About 3 minutes on two cores (three nested Maven builds, one a first compile).
 */
class TutorialTest {

    private static final Path REPOSITORY = Path.of("../..");
    private static final Path TUTORIAL = REPOSITORY.resolve("docs/tutorial.md");
    private static final String CLI_JAR = "contract-testing/cli/target/covenant-cli.jar";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    @TempDir
    Path copy;

    /** What the tutorial says a command does: it contains {@code key}, exits with {@code exit}, prints {@code shows}. */
    private record Expected(String key, int exit, boolean eventually, List<String> shows) {
        static Expected of(String key, int exit, String... shows) {
            return new Expected(key, exit, false, List.of(shows));
        }

        static Expected eventually(String key, String... shows) {
            return new Expected(key, 0, true, List.of(shows));
        }
    }

    /** Every command the tutorial runs, in order. */
    private static final List<Expected> EXPECTED = List.of(
            Expected.of("export COVENANT_URL=", 0),
            Expected.of("covenant() {", 0),
            // 2. The consumer publishes its pact
            Expected.of("mvn -q -pl examples/order-service", 0,
                    "[covenant] published the pacts of order-service 1.0.0 (branch main) with inventory-service"),
            Expected.of("/pacts/provider/inventory-service/consumer/order-service/version/1.0.0", 0),
            // 3. The provider publishes its document
            Expected.of("covenant publish-openapi examples/inventory-service", 0),
            Expected.eventually("compatibility-reports?application=inventory-service&version=1.0.0",
                    "\"compatible\":true", "crossChecks"),
            Expected.of("covenant check-pact --openapi examples/inventory-service", 0, "compatible, no findings"),
            // 4. The provider verifies the pact
            Expected.of("COVENANT_VERSION=1.0.0 COVENANT_BRANCH=main mvn -q -pl examples/inventory-service", 0,
                    "Verifying a pact between order-service (1.0.0) and inventory-service"),
            // 5. Deploy, asking first
            Expected.of("covenant create-environment", 0),
            Expected.of("covenant can-i-deploy -a inventory-service -v 1.0.0", 0),
            Expected.of("covenant record-deployment -a inventory-service", 0),
            Expected.of("covenant can-i-deploy -a order-service -v 1.0.0", 0,
                    "order-service 1.0.0 -> inventory-service 1.0.0: verified"),
            Expected.of("covenant record-deployment -a order-service", 0),
            // 6. A breaking change
            Expected.of("covenant diff", 1, "ERR response-required-property-removed", "GET /items/{id}"),
            Expected.of("covenant check-pact --openapi examples/end-to-end", 1, "response.body.incompatible",
                    "a request for item 42"),
            Expected.of("/teams/orders -H", 0),
            Expected.of("/teams/orders/subscriptions", 0, "***"),
            Expected.of("covenant check examples/end-to-end", 1, "inventory-service into main: INCOMPATIBLE",
                    "ERR response-required-property-removed  GET /items/{id}",
                    "Breaks consumer order-service (team orders) 1.0.0 (latest on main branch main, deployed in production):",
                    "field name"),
            Expected.of("sed -i", 0),
            Expected.of("-v 2.0.0 -b main", 0),
            Expected.of("COVENANT_VERSION=2.0.0 COVENANT_BRANCH=main mvn -q -pl examples/inventory-service", 1,
                    "body: $ Actual map is missing the following keys: name"),
            Expected.eventually("compatibility-reports?application=inventory-service&version=2.0.0",
                    "\"compatible\":false", "order-service"),
            Expected.eventually("/notifications/deliveries?team=orders", "compatibility.checked"),
            Expected.of("covenant can-i-deploy -a inventory-service -v 2.0.0", 1,
                    "inventory-service 2.0.0 to production: no",
                    "order-service 1.0.0 -> inventory-service 2.0.0: verification failed"),
            Expected.of("git checkout --", 0),
            Expected.of("-v 2.0.1 -b main", 0),
            // 7. Agree on the change before building it
            Expected.of("/teams/inventory -H", 0),
            Expected.of("covenant propose", 0, "Breaks order-service 1.0.0 (team orders)",
                    "Reviewer orders: required, pending"),
            Expected.of("/teams/orders/proposals?awaiting=true", 0, "Drop the item name"),
            Expected.of("--request-changes", 0, "Reviewer orders: required, changes-requested"),
            Expected.of("--revise", 0, "revision 2", "0 breaking", "Reviewer orders: required, pending"),
            Expected.of("--team orders --approve", 0, "Reviewer orders: required, approved"),
            Expected.of("covenant proposal -a inventory-service --wait-agreed", 0, "agreed (revision 2)"),
            Expected.of("/applications/inventory-service/policy", 0),
            Expected.of("-v 3.0.0 -b main", 6, "conflict (409)", "(teams that must agree: inventory, orders)"),
            Expected.of("-v 3.0.1 -b main", 0));

    @Test
    void theTutorialRunsAsWrittenOnAFreshRegistry() throws Exception {
        Instant started = Instant.now();
        copySources();
        List<Command> commands = DocCommands.all(TUTORIAL);
        String tutorial = Files.readString(TUTORIAL);
        Command build = commands.get(0);
        Command start = commands.get(1);
        assertThat(build.text()).as("step 1 builds").isEqualTo("mvn -q -DskipTests package");
        assertThat(start.text()).as("step 1 starts the registry").startsWith("registry/run ")
                .contains("--covenant.notifications.allow-http=true",
                        "--covenant.notifications.allow-private-addresses=true");

        RunningRegistry registry = RunningRegistry.script(REPOSITORY.resolve("registry/run"),
                List.of(start.text().substring("registry/run ".length()).split("\\s+")));
        try {
            ShellSession shell = new ShellSession(copy, readersEnvironment(),
                    Map.of("http://localhost:9292", registry.url()));
            Map<String, String> leftOut = new LinkedHashMap<>();
            leftOut.put(build.text(), "the build that runs this test packaged the registry and the CLI");
            leftOut.put(start.text(), "run as this test's registry (a free port, an empty store)");
            List<Ran> ran = new ArrayList<>();
            SoftAssertions softly = new SoftAssertions();
            for (Command command : commands.subList(2, commands.size())) {
                if (command.placeholder()) {
                    leftOut.put(command.text(), "a <placeholder> for the reader to fill in");
                    continue;
                }
                Expected expected = EXPECTED.size() > ran.size() ? EXPECTED.get(ran.size()) : null;
                Ran result = run(shell, command, expected);
                ran.add(result);
                System.out.println("[tutorial] $ " + command.text() + "  → exit " + result.exit());
                if (expected == null) {
                    softly.fail("the tutorial has a command the test does not expect: " + result);
                    continue;
                }
                softly.assertThat(command.text()).as("command %d of the tutorial", ran.size()).contains(expected.key());
                softly.assertThat(result.exit()).as(result.toString()).isEqualTo(expected.exit());
                for (String line : expected.shows()) {
                    softly.assertThat(tutorial.contains(line))
                            .as("docs/tutorial.md quotes «%s» as output of %s", line, expected.key()).isTrue();
                    softly.assertThat(result.output()).as(result.toString()).contains(line);
                }
            }
            softly.assertThat(ran).as("the commands run").hasSameSizeAs(EXPECTED);
            softly.assertThat(leftOut).as("left out, with the reason: the build and the start only").hasSize(2);
            softly.assertThat(registry.log()).as("the registry's log").doesNotContain("Unknown keyword")
                    .doesNotContain("Failed to set up a Bean Validation provider");
            softly.assertThat(Files.readString(copy.resolve(
                    "examples/inventory-service/src/main/java/dev/covenant/examples/inventory/InMemoryCatalog.java")))
                    .as("the change undone").contains("new Item(42, \"Widget\"");
            System.out.println("[tutorial] " + ran.size() + " commands run, left out: " + leftOut + "; "
                    + Duration.between(started, Instant.now()).toSeconds() + " s");
            softly.assertAll();
        } finally {
            registry.stop();
        }
    }

    /** Runs the command; one the registry answers from background work again until its lines appear. */
    private static Ran run(ShellSession shell, Command command, Expected expected) throws Exception {
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (true) {
            Ran result = shell.run(command.text(), COMMAND_TIMEOUT);
            if (expected == null || !expected.eventually() || Instant.now().isAfter(deadline)
                    || expected.shows().stream().allMatch(result.output()::contains)) {
                return result;
            }
            Thread.sleep(500); // "a moment later": polling the registry's background work, with a deadline
        }
    }

    /** A laptop's shell: no CI detected, no registry settings but the tutorial's own. */
    private static Map<String, String> readersEnvironment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(name -> name.startsWith("COVENANT_") || name.startsWith("GITHUB_")
                || name.startsWith("GITLAB_") || name.startsWith("MAVEN_") || List.of("CI", "JENKINS_URL",
                        "BUILD_NUMBER", "GIT_COMMIT", "GIT_BRANCH").contains(name));
        return environment;
    }

    /**
     * The repository's sources the tutorial's commands read and build (the Maven reactor's poms, contract-testing,
     * examples), no build output but the CLI jar step 1 would have built; committed, as a clone is.
     */
    private void copySources() throws IOException, InterruptedException {
        for (String file : List.of("pom.xml", ".gitignore", "registry/pom.xml")) {
            Files.createDirectories(copy.resolve(file).getParent());
            Files.copy(REPOSITORY.resolve(file), copy.resolve(file));
        }
        for (String tree : List.of("contract-testing", "examples")) {
            try (Stream<Path> files = Files.walk(REPOSITORY.resolve(tree))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path relative = REPOSITORY.relativize(file);
                    if (isBuildOutput(relative)) {
                        continue;
                    }
                    Files.createDirectories(copy.resolve(relative).getParent());
                    Files.copy(file, copy.resolve(relative));
                }
            }
        }
        Files.createDirectories(copy.resolve(CLI_JAR).getParent());
        Files.copy(REPOSITORY.resolve(CLI_JAR), copy.resolve(CLI_JAR), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(copy.resolve(".mvn"));
        Files.writeString(copy.resolve(".mvn/maven.config"), "-o\n");
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=tutorial", "-c", "user.email=tutorial@example.com", "commit", "-q", "-m", "a clone");
    }

    private static boolean isBuildOutput(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules") || name.equals("data")) {
                return true;
            }
        }
        return false;
    }

    private void git(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("git " + String.join(" ", arguments) + ": " + output).isZero();
    }
}
