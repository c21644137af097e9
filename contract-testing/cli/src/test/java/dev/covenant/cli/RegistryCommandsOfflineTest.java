package dev.covenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What the registry commands do before or without a registry: usage errors, unreachable registry. Their behaviour
 * against a real registry is tested in examples/end-to-end (CliAgainstRegistryTest).
 */
class RegistryCommandsOfflineTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CovenantCli.commandLine(env);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    private static String fixture(String name) {
        try {
            return Path.of(RegistryCommandsOfflineTest.class.getResource("/fixtures/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void unreachableRegistryExitsFiveWithWhatToCheck() throws IOException {
        Run run = run(Map.of("COVENANT_URL", "http://127.0.0.1:" + closedPort(), "COVENANT_ATTEMPTS", "2"),
                "publish-openapi", fixture("pets.yaml"), "-a", "pets", "-v", "1.0.0");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).startsWith("covenant: cannot reach the registry").contains("after 2 attempts");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void versionIsRequiredOutsideCi() {
        Run run = run(Map.of(), "can-i-deploy", "-a", "pets", "--to-environment", "production");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--version is required outside CI");
    }

    @Test
    void invalidDocumentIsRefusedBeforeAnyRequest() throws IOException {
        Run run = run(Map.of("COVENANT_URL", "http://127.0.0.1:" + closedPort()),
                "check", fixture("pets-remote-ref.yaml"), "-a", "pets");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("never fetched");
    }

    @Test
    void proposalWaitTimeoutMustBeADuration() {
        Run run = run(Map.of(), "proposal", "abc", "--wait-agreed", "--wait-timeout", "soon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'soon' is not a duration");
    }

    @Test
    void proposingNeedsAnApplication() throws IOException {
        Run run = run(Map.of("COVENANT_URL", "http://127.0.0.1:" + closedPort()), "propose", fixture("pets.yaml"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--application");
    }

    @Test
    void badRegistryUrlIsAUsageError() {
        Run run = run(Map.of(), "record-deployment", "-a", "pets", "-v", "1", "-e", "production", "--registry", "ftp://x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("must start with http://");
    }

    @Test
    void unreachableDefaultRegistrySaysOnceThatItIsTheDefaultAndHowToChangeIt() {
        boolean free;
        try (java.net.Socket ignored = new java.net.Socket(InetAddress.getLoopbackAddress(), 9292)) {
            free = false;
        } catch (IOException e) {
            free = true;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(free, "something listens on localhost:9292");

        Run run = run(Map.of("COVENANT_ATTEMPTS", "1"), "record-deployment", "-a", "pets", "-v", "1", "-e", "production");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err().strip().lines()).containsExactly(
                "covenant: no --registry or COVENANT_URL: using the default registry http://localhost:9292",
                "covenant: cannot reach the registry at http://localhost:9292 (connection refused) after 1 attempt:"
                        + " check that it is running and that the registry URL (--registry or COVENANT_URL) is right");

        Run explicit = run(Map.of("COVENANT_URL", "http://127.0.0.1:9292", "COVENANT_ATTEMPTS", "1"),
                "record-deployment", "-a", "pets", "-v", "1", "-e", "production");
        assertThat(explicit.err()).doesNotContain("default");
    }
}
