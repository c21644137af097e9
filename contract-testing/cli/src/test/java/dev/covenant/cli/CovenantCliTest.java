package dev.covenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CovenantCliTest {

    /** Output and exit code of one in-process run. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(DiffRunner diffRunner, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CovenantCli.commandLine(diffRunner);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(DiffRunner.installed(), args);
    }

    private static String fixture(String name) {
        try {
            return Path.of(CovenantCliTest.class.getResource("/fixtures/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void compatiblePactExitsZero() {
        Run run = run("check-pact", "--openapi", fixture("pets.yaml"), fixture("pact-ok.json"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("compatible, no findings");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void pactRelyingOnUndeclaredFieldExitsOneWithTheFinding() {
        Run run = run("check-pact", "--openapi", fixture("pets.yaml"), fixture("pact-ok.json"), fixture("pact-broken.json"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("ERROR response.body.incompatible", "get a pet with a colour",
                "[root].interactions[0].response.body");
    }

    @Test
    void jsonFormatIsMachineReadable() throws Exception {
        Run run = run("check-pact", "--openapi", fixture("pets.yaml"), "--format", "json", fixture("pact-broken.json"));

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("pacts").get(0).path("errors").asInt()).isEqualTo(1);
        assertThat(json.path("pacts").get(0).path("findings").get(0).path("code").asText())
                .isEqualTo("response.body.incompatible");
        assertThat(json.path("pacts").get(0).path("findings").get(0).path("type").asText()).isEqualTo("error");
    }

    @Test
    void markdownFormatIsATable() {
        Run run = run("check-pact", "--openapi", fixture("pets.yaml"), "--format", "MARKDOWN", fixture("pact-broken.json"));

        assertThat(run.out()).contains("| Type | Code |", "`response.body.incompatible`");
    }

    @Test
    void shouldRefuseDocumentWithRemoteRef() {
        Run run = run("check-pact", "--openapi", fixture("pets-remote-ref.yaml"), fixture("pact-ok.json"));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("never fetched").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void invalidPactExitsThree() {
        Run run = run("check-pact", "--openapi", fixture("pets.yaml"), fixture("not-a-pact.json"));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("not a valid pact").contains("consumer name");
    }

    @Test
    void missingFileExitsFour() {
        Run run = run("check-pact", "--openapi", fixture("pets.yaml"), "/nonexistent/pact.json");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("no such file");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run run = run("check-pact", "--nope");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("covenant: ");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"--help", "-h"})
    void everyCommandPrintsItsHelpAndExitsZero(String option) {
        CommandLine commandLine = CovenantCli.commandLine(DiffRunner.installed());
        assertThat(commandLine.getSubcommands()).hasSizeGreaterThan(5);
        for (String command : commandLine.getSubcommands().keySet()) {
            if (command.equals("help")) {
                continue;
            }
            Run run = run(command, option);
            assertThat(run.exitCode()).as("covenant %s %s: %s", command, option, run.err()).isZero();
            assertThat(run.out()).as("covenant %s %s", command, option).contains("Usage: covenant " + command);
        }
    }

    @Test
    void commandIsRequired() {
        assertThat(run().exitCode()).isEqualTo(2);
    }

    private static final DiffRunner ONE_WARNING = (base, revision) -> new DiffView(List.of(
            new DiffView.Change("response-optional-property-removed", DiffView.Level.WARN, "GET /pets/{id}",
                    "/components/schemas/Pet/properties/tag", null, "removed optional property 'tag'",
                    Map.of("property", "tag"))));

    @Test
    void diffFailsOnlyAtOrAboveTheThreshold() {
        assertThat(run(ONE_WARNING, "diff", fixture("pets.yaml"), fixture("pets.yaml")).exitCode()).isZero();
        assertThat(run(ONE_WARNING, "diff", fixture("pets.yaml"), fixture("pets.yaml"), "--fail-on", "WARN").exitCode())
                .isEqualTo(1);
    }

    @Test
    void diffWritesEachFormat() throws Exception {
        Run text = run(ONE_WARNING, "diff", fixture("pets.yaml"), fixture("pets.yaml"));
        Run json = run(ONE_WARNING, "diff", fixture("pets.yaml"), fixture("pets.yaml"), "--format", "json");
        Run markdown = run(ONE_WARNING, "diff", fixture("pets.yaml"), fixture("pets.yaml"), "--format", "markdown");

        assertThat(text.out()).contains("WARN response-optional-property-removed", "GET /pets/{id}");
        assertThat(new ObjectMapper().readTree(json.out()).path("findings").get(0).path("details").path("property").asText())
                .isEqualTo("tag");
        assertThat(markdown.out()).contains("| Level | Rule |", "`response-optional-property-removed`");
    }

    @Test
    void diffRefusesDocumentWithRemoteRef() {
        Run run = run(ONE_WARNING, "diff", fixture("pets.yaml"), fixture("pets-remote-ref.yaml"));

        assertThat(run.exitCode()).isEqualTo(3);
    }

    @Test
    void diffOfIdenticalDocumentsFindsNothingAndExitsZero() {
        Run run = run("diff", fixture("pets.yaml"), fixture("pets.yaml"));

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void diffReportsARemovedEndpointWithItsRuleIdAndFingerprintAndFailsTheBuild() throws Exception {
        Run text = run("diff", fixture("pets.yaml"), fixture("pets-endpoint-removed.yaml"));
        assertThat(text.exitCode()).as(text.err()).isEqualTo(1);
        assertThat(text.out()).contains("api-path-removed-without-deprecation");

        Run json = run("diff", fixture("pets.yaml"), fixture("pets-endpoint-removed.yaml"), "--format", "json");
        assertThat(json.out()).contains("\"ruleId\"").contains("\"ERR\"");

        Run mixed = run("diff", fixture("pets-endpoint-added.yaml"), fixture("pets-endpoint-removed.yaml"));
        assertThat(mixed.out().indexOf("ERR")).as(mixed.out()).isLessThan(mixed.out().indexOf("INFO"));

        Run mixedJson = run("diff", fixture("pets-endpoint-added.yaml"), fixture("pets-endpoint-removed.yaml"),
                "--format", "json");
        assertThat(fingerprintsOf(json.out(), "api-path-removed-without-deprecation")).singleElement()
                .satisfies(fingerprint -> assertThat(fingerprint).matches("[0-9a-f]{16}"))
                .isIn(fingerprintsOf(mixedJson.out(), "api-path-removed-without-deprecation"));

        Run added = run("diff", fixture("pets.yaml"), fixture("pets-endpoint-added.yaml"), "--fail-on", "WARN");
        assertThat(added.exitCode()).as(added.out()).isZero();
        assertThat(added.out()).contains("endpoint-added");
    }

    private static List<String> fingerprintsOf(String json, String ruleId) throws Exception {
        List<String> fingerprints = new java.util.ArrayList<>();
        new ObjectMapper().readTree(json).path("findings").forEach(finding -> {
            if (finding.path("ruleId").asText().equals(ruleId)) {
                fingerprints.add(finding.path("fingerprint").asText());
            }
        });
        return fingerprints;
    }

    @Test
    void diffAcceptsASloppyDocumentAndReportsItsProblemsOnlyWhenAskedTo() throws Exception {
        Run plain = run("diff", fixture("pets.yaml"), fixture("pets-sloppy.yaml"), "--fail-on", "WARN");
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out()).doesNotContain("document-invalid");

        Run validated = run("diff", fixture("pets.yaml"), fixture("pets-sloppy.yaml"), "--validate", "--format", "json");
        JsonNode finding = new ObjectMapper().readTree(validated.out()).path("findings").get(0);
        assertThat(finding.path("ruleId").asText()).isEqualTo("document-invalid");
        assertThat(finding.path("level").asText()).isEqualTo("WARN");
        assertThat(finding.path("revisionPointer").asText()).isEqualTo("/paths/~1pets~1{id}/get/responses/200/description");
        assertThat(finding.path("details").path("line").asInt()).isEqualTo(11);
        assertThat(run("diff", fixture("pets.yaml"), fixture("pets-sloppy.yaml"), "--validate", "--fail-on", "WARN")
                .exitCode()).isEqualTo(1);
    }

    @Test
    void checkPactAcceptsASloppyDocumentAndWarnsWhenAskedTo() {
        Run run = run("check-pact", "--openapi", fixture("pets-sloppy.yaml"), fixture("pact-ok.json"), "--validate");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: document-invalid", "line 11", "description");
    }

    @Test
    void pactOverTheSizeLimitIsRefusedBeforeReading(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path huge = dir.resolve("huge.json");
        try (var out = java.nio.file.Files.newOutputStream(huge)) {
            out.write(new byte[(int) Inputs.PACT_LIMITS.maxBytes() + 1]);
        }

        Run run = run("check-pact", "--openapi", fixture("pets.yaml"), huge.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("over the limit");
    }
}
