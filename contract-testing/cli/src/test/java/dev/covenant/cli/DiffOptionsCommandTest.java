package dev.covenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code covenant diff --option name=value} and {@code --config file}: levels, ignore lists, refusals. */
class DiffOptionsCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    @TempDir
    Path dir;

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
            return Path.of(DiffOptionsCommandTest.class.getResource("/fixtures/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode findings(Run run) throws Exception {
        return new ObjectMapper().readTree(run.out()).path("findings");
    }

    @Test
    void aRuleLevelOverrideTurnsABreakingChangeIntoAWarningAndTheBuildPasses() throws Exception {
        Run plain = run("diff", fixture("pets.yaml"), fixture("pets-endpoint-removed.yaml"), "--format", "json");
        assertThat(plain.exitCode()).isEqualTo(1);
        String rule = findings(plain).get(0).path("ruleId").asText();

        Run relaxed = run("diff", fixture("pets.yaml"), fixture("pets-endpoint-removed.yaml"), "--format", "json",
                "--option", "severity." + rule + "=WARN");

        assertThat(relaxed.exitCode()).as(relaxed.err()).isZero();
        assertThat(findings(relaxed)).anySatisfy(finding -> {
            assertThat(finding.path("ruleId").asText()).isEqualTo(rule);
            assertThat(finding.path("level").asText()).isEqualTo("WARN");
        });
        assertThat(run("diff", fixture("pets.yaml"), fixture("pets-endpoint-removed.yaml"), "--option",
                "severity." + rule + "=WARN", "--fail-on", "WARN").exitCode()).isEqualTo(1);
    }

    @Test
    void aConfigFileIgnoresFindingsByFingerprintAndOptionsOverrideIt() throws Exception {
        Run plain = run("diff", fixture("pets.yaml"), fixture("pets-endpoint-removed.yaml"), "--format", "json");
        JsonNode breaking = findings(plain).get(0);
        Path config = dir.resolve(".oasdiff.yaml");
        Files.writeString(config, "deprecation-days-stable: 0\nignore:\n  - " + breaking.path("fingerprint").asText() + "\n");

        Run ignored = run("diff", fixture("pets.yaml"), fixture("pets-endpoint-removed.yaml"), "--format", "json",
                "--config", config.toString());

        assertThat(ignored.exitCode()).as(ignored.err()).isZero();
        assertThat(findings(ignored)).noneSatisfy(finding -> assertThat(finding.path("fingerprint").asText())
                .isEqualTo(breaking.path("fingerprint").asText()));
        assertThat(findings(ignored).size()).isEqualTo(findings(plain).size() - 1);

        Run overridden = run("diff", fixture("pets.yaml"), fixture("pets-endpoint-removed.yaml"), "--config",
                config.toString(), "--option", "severity." + breaking.path("ruleId").asText() + "=ERR");
        assertThat(overridden.exitCode()).as("the ignored finding stays ignored whatever its level").isZero();
    }

    @Test
    void unknownOptionsBadValuesAndBrokenConfigsAreInputErrors() throws Exception {
        Run unknown = run("diff", fixture("pets.yaml"), fixture("pets.yaml"), "--option", "fail-fast=true");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("unknown diff option 'fail-fast'").contains("severity.<rule-id>");

        assertThat(run("diff", fixture("pets.yaml"), fixture("pets.yaml"), "--option", "severity.endpoint-added=LOUD")
                .err()).contains("ERR, WARN, INFO or NONE");

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "ignore: [\n");
        Run unreadable = run("diff", fixture("pets.yaml"), fixture("pets.yaml"), "--config", broken.toString());
        assertThat(unreadable.exitCode()).isEqualTo(3);
        assertThat(unreadable.err()).contains("broken.yaml");

        Run missing = run("diff", fixture("pets.yaml"), fixture("pets.yaml"), "--config", dir.resolve("none.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(4);
    }
}
