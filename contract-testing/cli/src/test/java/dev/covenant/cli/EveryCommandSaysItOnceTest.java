package dev.covenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Walks every picocli subcommand of {@code covenant} (read from the command model, so a new command is covered
 * without editing this test) with the arguments its model says are required, against a registry URL nothing
 * listens on: an unknown option is named as unknown, no message is said twice, normal output has no
 * {@code debug:} lines and {@code --verbose} adds them (and only them).
 */
class EveryCommandSaysItOnceTest {

    private static String closedUrl;

    @BeforeAll
    static void closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedUrl = "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : Arrays.asList(err.split("\\R"));
        }
    }

    private static Run run(Map<String, String> env, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CovenantCli.commandLine(env);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static Map<String, String> env() {
        return Map.of("COVENANT_URL", closedUrl, "COVENANT_ATTEMPTS", "1", "COVENANT_TIMEOUT", "2");
    }

    static Stream<String> commands() {
        return CovenantCli.commandLine(Map.of()).getSubcommands().keySet().stream().filter(name -> !name.equals("help"));
    }

    /**
     * The command and the arguments its model requires, each with a value of its type (a flag without one; of an
     * exclusive group such as {@code --approve | --request-changes}, the first).
     */
    private static List<String> required(String command) {
        CommandSpec spec = CovenantCli.commandLine(Map.of()).getSubcommands().get(command).getCommandSpec();
        List<String> args = new ArrayList<>(List.of(command));
        Set<Object> exclusiveGroupsGiven = new java.util.HashSet<>();
        for (OptionSpec option : spec.options()) {
            boolean exclusive = option.group() != null && option.group().exclusive();
            if (option.required() && (!exclusive || exclusiveGroupsGiven.add(option.group()))) {
                args.add(option.longestName());
                if (option.type() != boolean.class && option.type() != Boolean.class) {
                    args.add(value(option.longestName(), option.type()));
                }
            }
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            for (int i = 0; i < positional.arity().min(); i++) {
                args.add(value(positional.paramLabel(), positional.type().isArray() || List.class.isAssignableFrom(
                        positional.type()) ? positional.auxiliaryTypes()[0] : positional.type()));
            }
        }
        return args;
    }

    private static String value(String name, Class<?> type) {
        if (Path.class.isAssignableFrom(type)) {
            try {
                return Path.of(EveryCommandSaysItOnceTest.class.getResource("/fixtures/pets.yaml").toURI()).toString();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0].toString();
        }
        if (type == int.class || type == Integer.class) {
            return "1";
        }
        if (type == Duration.class) {
            return "1s";
        }
        return name.contains("url") ? closedUrl : "x";
    }

    @Test
    void theWalkCoversEveryCommandTheCliHas() {
        assertThat(commands().toList()).contains("diff", "changelog", "check-pact", "publish-openapi", "publish-pacts",
                "check", "can-i-deploy", "record-deployment", "create-environment", "propose", "proposal", "review", "stub",
                "verify-openapi");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void anUnknownOptionIsNamedAsUnknownEvenWhenRequiredOnesAreMissing(String command) {
        Run withRequired = run(env(), Stream.concat(required(command).stream(), Stream.of("--bogus")).toList());
        Run alone = run(env(), List.of(command, "--bogus"));

        for (Run run : List.of(withRequired, alone)) {
            assertThat(run.exit()).isEqualTo(CliException.USAGE);
            assertThat(run.errLines()).containsExactly("covenant: unknown option '--bogus'",
                    "Try 'covenant " + command + " --help' for usage.");
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyMessageIsSaidOnceAndDebugLinesOnlyWithVerbose(String command) {
        Run normal = run(env(), required(command));
        List<String> verboseArgs = new ArrayList<>(required(command));
        verboseArgs.add(1, "--verbose");
        Run verbose = run(env(), verboseArgs);

        assertThat(normal.exit()).as(normal.err()).isBetween(0, 6);
        assertThat(normal.out() + normal.err()).doesNotContain("debug:");
        assertThat(Set.copyOf(normal.errLines())).as("no line twice").hasSameSizeAs(normal.errLines());
        assertThat(normal.errLines()).allSatisfy(line -> assertThat(line.split(closedUrl, -1)).as(line).hasSizeLessThanOrEqualTo(2));

        assertThat(verbose.exit()).isEqualTo(normal.exit());
        assertThat(verbose.errLines()).filteredOn(line -> line.startsWith("debug: ")).isNotEmpty();
        assertThat(verbose.errLines()).filteredOn(line -> !line.startsWith("debug: "))
                .containsExactlyElementsOf(normal.errLines());
        assertThat(verbose.out()).isEqualTo(normal.out());
    }

    @Test
    void aRegistryCommandShowsEachExchangeWithVerbose() {
        Run run = run(env(), List.of("can-i-deploy", "--verbose", "-a", "web", "-v", "1", "--to-environment", "production"));

        assertThat(run.exit()).isEqualTo(CliException.REGISTRY);
        assertThat(run.errLines()).contains("debug: registry " + closedUrl + " (from COVENANT_URL)");
        assertThat(run.errLines()).anySatisfy(line -> assertThat(line).startsWith("debug: GET " + closedUrl + "/can-i-deploy?"));
        assertThat(run.errLines()).filteredOn(line -> line.startsWith("covenant: ")).singleElement().asString()
                .startsWith("covenant: cannot reach the registry at " + closedUrl);
    }

    @Test
    void theDefaultRegistryIsNamedOnceWhenNothingElseIsSet() {
        Map<String, String> noUrl = new HashMap<>(env());
        noUrl.remove("COVENANT_URL");
        // read-only: whatever answers on localhost:9292 (or nothing) is asked about an application that is not there
        Run run = run(noUrl, List.of("can-i-deploy", "-a", "no-such-app-" + System.nanoTime(), "-v", "1",
                "--to-environment", "no-such-environment"));

        assertThat(run.errLines()).filteredOn(line -> line.contains("default")).containsExactly("covenant: "
                + CovenantCli.DEFAULT_URL_NOTE);
        assertThat(run.errLines()).filteredOn(line -> line.contains(RegistryCommand.DEFAULT_URL)).hasSizeLessThanOrEqualTo(2);
    }
}
