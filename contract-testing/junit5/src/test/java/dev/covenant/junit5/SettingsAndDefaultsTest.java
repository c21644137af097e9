package dev.covenant.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.client.Credentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsAndDefaultsTest {

    private static final Map<String, String> GITHUB = Map.of("GITHUB_ACTIONS", "true", "GITHUB_REF_NAME", "feat/x",
            "GITHUB_SHA", "abc123", "COVENANT_URL", "http://registry:9292", "COVENANT_TOKEN", "t0k");

    @CovenantPacts
    static class Defaults {
    }

    @CovenantPacts(selectors = "[{\"branch\":\"release\"}]", pending = false, wipDays = 0)
    static class Custom {
    }

    @Test
    void inCiEverythingComesFromTheCiVariablesAndResultsArePublished() {
        CovenantSettings settings = CovenantSettings.resolve(name -> null, GITHUB);

        assertThat(settings).isEqualTo(new CovenantSettings("http://registry:9292", new Credentials.Bearer("t0k"),
                "abc123", "feat/x", null, true));

        Map<String, String> properties = CovenantVerificationExtension.properties(settings,
                Defaults.class.getAnnotation(CovenantPacts.class), LocalDate.of(2026, 11, 26));
        assertThat(properties).containsEntry("pactbroker.url", "http://registry:9292")
                .containsEntry("pactbroker.auth.token", "t0k")
                .containsEntry("pact.verifier.publishResults", "true")
                .containsEntry("pact.provider.version", "abc123")
                .containsEntry("pact.provider.branch", "feat/x")
                .containsEntry("pactbroker.enablePending", "true")
                .containsEntry("pactbroker.includeWipPactsSince", "2026-09-27")
                .containsEntry("pactbroker.consumerversionselectors.rawjson",
                        "[{\"mainBranch\":true},{\"deployedOrReleased\":true},{\"matchingBranch\":true}]");
    }

    @Test
    void onADeveloperMachineNothingIsPublishedAndPendingNeedsABranch() {
        CovenantSettings settings = CovenantSettings.resolve(
                Map.of("covenant.url", "http://localhost:9292", "covenant.username", "ci", "covenant.password", "pw")::get,
                Map.of());

        assertThat(settings.publish()).isFalse();
        Map<String, String> properties = CovenantVerificationExtension.properties(settings,
                Defaults.class.getAnnotation(CovenantPacts.class), LocalDate.of(2026, 11, 26));
        assertThat(properties).containsEntry("pact.verifier.publishResults", "false")
                .containsEntry("pactbroker.auth.username", "ci")
                .containsEntry("pactbroker.auth.password", "pw")
                .doesNotContainKeys("pactbroker.enablePending", "pactbroker.includeWipPactsSince", "pact.provider.version")
                .containsEntry("pactbroker.consumerversionselectors.rawjson",
                        "[{\"mainBranch\":true},{\"deployedOrReleased\":true}]");
    }

    @Test
    void systemPropertiesWinOverTheEnvironmentAndTheAnnotationOverridesDefaults() {
        CovenantSettings settings = CovenantSettings.resolve(
                Map.of("covenant.version", "2.0.0", "covenant.branch", "main", "covenant.publish", "false")::get, GITHUB);

        assertThat(settings.version()).isEqualTo("2.0.0");
        assertThat(settings.branch()).isEqualTo("main");
        assertThat(settings.publish()).isFalse();
        Map<String, String> properties = CovenantVerificationExtension.properties(settings,
                Custom.class.getAnnotation(CovenantPacts.class), LocalDate.of(2026, 11, 26));
        assertThat(properties).containsEntry("pactbroker.enablePending", "false")
                .doesNotContainKey("pactbroker.includeWipPactsSince")
                .containsEntry("pactbroker.consumerversionselectors.rawjson", "[{\"branch\":\"release\"}]");
    }

    @Test
    void onlyPactsWrittenDuringTheRunArePublished(@TempDir Path dir) throws IOException {
        Path stale = Files.writeString(dir.resolve("old-consumer-provider.json"), "{}");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(3600)));
        Path fresh = Files.writeString(dir.resolve("order-service-inventory-service.json"), "{}");
        Files.writeString(dir.resolve("notes.txt"), "x");

        assertThat(PactPublisher.pactsWrittenSince(dir, Instant.now().minusSeconds(60))).containsExactly(fresh);
    }

    @Test
    void outsideCiThePublisherOnlySaysWhatItWouldDo(@TempDir Path dir) throws IOException {
        Path pact = Files.writeString(dir.resolve("c-p.json"), "{\"consumer\":{\"name\":\"c\"},\"provider\":{\"name\":\"p\"}}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        var published = PactPublisher.publish(CovenantSettings.resolve(name -> null, Map.of()), List.of(pact), 0,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(published).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 pact file(s) written; not publishing outside CI");
    }

    @Test
    void failedTestsStopThePublication(@TempDir Path dir) throws IOException {
        Path pact = Files.writeString(dir.resolve("c-p.json"), "{\"consumer\":{\"name\":\"c\"},\"provider\":{\"name\":\"p\"}}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        var published = PactPublisher.publish(CovenantSettings.resolve(name -> null, GITHUB), List.of(pact), 2,
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(published).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not published: 2 test(s) failed");
    }
}
