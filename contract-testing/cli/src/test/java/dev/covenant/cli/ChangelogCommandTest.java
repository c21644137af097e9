package dev.covenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ChangelogCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CovenantCli.commandLine(DiffRunner.installed());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    private static String fixture(String name) {
        try {
            return Path.of(ChangelogCommandTest.class.getResource("/fixtures/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void markdownListsTheBreakingChangeUnderItsOperationAndExitsZero() {
        Run run = run("changelog", fixture("pets.yaml"), fixture("pets-endpoint-removed.yaml"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("# Changes from pets.yaml to pets-endpoint-removed.yaml\n")
                .contains("1 breaking").contains("## `").contains("**Breaking:**");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void jsonIsTheChangelogModel() throws Exception {
        Run run = run("changelog", "--format", "json", fixture("pets.yaml"), fixture("pets-endpoint-added.yaml"));

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("counts").path("ERR").asInt()).isZero();
        JsonNode entry = json.path("sections").get(0).path("entries").get(0);
        assertThat(entry.path("ruleId").asText()).isEqualTo("endpoint-added");
        assertThat(entry.path("fingerprint").asText()).matches("[0-9a-f]{16}");
    }

    @Test
    void noChangesSaysSo() {
        Run run = run("changelog", "--title", "Release 2", fixture("pets.yaml"), fixture("pets.yaml"));

        assertThat(run.out()).isEqualTo("# Release 2\n\nNo changes.\n");
    }

    @Test
    void aMissingFileIsAOneLineErrorWithTheInputExitCode() {
        Run run = run("changelog", fixture("pets.yaml"), "does-not-exist.yaml");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).startsWith("covenant: ").contains("does-not-exist.yaml");
        assertThat(run.out()).isEmpty();
    }
}
