package dev.covenant.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.client.ClientConfig;
import dev.covenant.client.CovenantClient;
import dev.covenant.examples.e2e.Cli.Run;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** covenant-cli's registry commands against the real registry (started from its jar). */
class CliAgainstRegistryTest {

    private static String registry;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        registry = RunningRegistry.get().url();
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }

    private Path resource(String name, String... replacements) throws IOException {
        String text = new String(getClass().getResourceAsStream("/" + name).readAllBytes(), StandardCharsets.UTF_8);
        for (int i = 0; i < replacements.length; i += 2) {
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        return Files.writeString(work.resolve(unique("f") + "-" + name), text);
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void publishingADocumentIsIdempotentAndChangedContentNeedsANewVersion() throws IOException {
        String app = unique("pets");
        Path document = resource("pets.yaml");

        Run first = Cli.run(registry, "publish-openapi", document.toString(), "-a", app, "-v", "1.0.0", "-b", "main");
        Run again = Cli.run(registry, "publish-openapi", document.toString(), "-a", app, "-v", "1.0.0", "-b", "main");
        Run changed = Cli.run(registry, "publish-openapi", resource("pets.yaml", "title: Pets", "title: Pets v2").toString(),
                "-a", app, "-v", "1.0.0");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Published the OpenAPI document of " + app + " 1.0.0 on branch main: new");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("unchanged");
        assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(6);
        assertThat(changed.err()).startsWith("covenant: ").contains("409").contains("new version");
    }

    @Test
    void versionBranchAndBuildUrlComeFromTheCiVariables() throws Exception {
        String app = unique("pets");
        Map<String, String> github = Map.of("GITHUB_ACTIONS", "true", "GITHUB_SHA", "4f9c2e1", "GITHUB_REF_NAME", "feat/x",
                "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "acme/pets", "GITHUB_RUN_ID", "77");

        Run run = Cli.run(registry, github, "publish-openapi", resource("pets.yaml").toString(), "-a", app);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode metadata = get("/applications/" + app + "/versions/4f9c2e1/openapi/metadata");
        assertThat(metadata.path("branch").asText()).isEqualTo("feat/x");
        assertThat(metadata.path("buildUrl").asText()).isEqualTo("https://github.com/acme/pets/actions/runs/77");
    }

    @Test
    void canIDeploySaysNoUntilThePactIsVerifiedWithWhatRunsThere() throws IOException {
        String consumer = unique("web");
        String provider = unique("pets");
        String environment = unique("staging");
        Path pacts = Files.createDirectory(work.resolve("pacts"));
        Files.copy(resource("pets-pact.json", "CONSUMER", consumer, "PROVIDER", provider), pacts.resolve("pact.json"));

        Run published = Cli.run(registry, "publish-pacts", pacts.toString(), "-v", "1.0.0", "-b", "main");
        assertThat(published.exitCode()).as(published.toString()).isZero();
        assertThat(published.out()).contains("Published the pacts of " + consumer + " 1.0.0 with " + provider);

        // A document the pact does not fit: the registry's cross-contract check, which stands in for a verification
        // the provider version has not published (issue 5), fails, so the answer is no (or unknown until it ran)
        // whenever can-i-deploy asks. A real verification result takes precedence.
        assertThat(Cli.run(registry, "publish-openapi", resource("pets.yaml", "/pets/{id}", "/animals/{id}").toString(),
                "-a", provider, "-v", "2.0.0", "-b", "main").exitCode()).isZero();
        assertThat(Cli.run(registry, "create-environment", "--name", environment).exitCode()).isZero();
        Run deployed = Cli.run(registry, "record-deployment", "-a", provider, "-v", "2.0.0", "-e", environment);
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        assertThat(deployed.out()).contains("Recorded " + provider + " 2.0.0 as deployed to " + environment);

        Run unverified = Cli.run(registry, "can-i-deploy", "-a", consumer, "-v", "1.0.0", "--to-environment", environment);
        assertThat(unverified.exitCode()).as(unverified.toString()).isEqualTo(1);
        assertThat(unverified.out()).contains(consumer + " 1.0.0 to " + environment + ": ").containsPattern("unknown|no");

        CovenantClient.create(ClientConfig.of(registry))
                .recordVerification(provider, "2.0.0", "main", consumer, "1.0.0", true, "https://ci.example/1");

        Run verified = Cli.run(registry, "can-i-deploy", "-a", consumer, "-v", "1.0.0", "--to-environment", environment);
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains(": yes", consumer + " 1.0.0 -> " + provider + " 2.0.0: verified");
    }

    @Test
    void recordingADeploymentToAnUnknownEnvironmentSaysHowToCreateIt() throws IOException {
        String app = unique("pets");
        Cli.run(registry, "publish-openapi", resource("pets.yaml").toString(), "-a", app, "-v", "1.0.0");

        Run run = Cli.run(registry, "record-deployment", "-a", app, "-v", "1.0.0", "-e", unique("nowhere"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(6);
        assertThat(run.err()).contains("covenant create-environment --name nowhere-");
    }

    @Test
    void aFileThatIsNotAPactIsRefusedBeforePublishing() throws IOException {
        Path notAPact = Files.writeString(work.resolve("x.json"), "{\"hello\":\"world\"}");

        Run run = Cli.run(registry, "publish-pacts", notAPact.toString(), "-v", "1.0.0");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("not a pact");
    }

    @Test
    void canIDeployForAnUnknownApplicationOrEnvironmentIsTheNotFoundCodeSaidOnce() {
        String app = unique("ghost");
        String environment = unique("nowhere");

        Run unknownEnvironment = Cli.run(registry, "can-i-deploy", "-a", app, "-v", "9.9.9", "--to-environment", environment);
        Run recordThere = Cli.run(registry, "record-deployment", "-a", app, "-v", "9.9.9", "-e", environment);

        assertThat(unknownEnvironment.exitCode()).as(unknownEnvironment.toString()).isEqualTo(6)
                .isEqualTo(recordThere.exitCode());
        assertThat(unknownEnvironment.err()).contains("there is no environment '" + environment + "'")
                .isEqualTo(recordThere.err());
        assertThat(Cli.run(registry, "create-environment", "--name", environment).exitCode()).isZero();
        Run unknownApplication = Cli.run(registry, "can-i-deploy", "-a", app, "-v", "9.9.9", "--to-environment", environment);
        assertThat(unknownApplication.exitCode()).as(unknownApplication.toString()).isEqualTo(6);
        assertThat(unknownApplication.err()).contains("there is no application '" + app + "'").hasLineCount(1);
    }

    @Test
    void checkReportsADeployedConsumerVersionItBreaksAndAConsumerAlreadyBroken() throws IOException {
        String provider = unique("pets");
        String web = unique("web");
        String legacy = unique("legacy");
        String environment = unique("production");
        assertThat(Cli.run(registry, "publish-openapi", resource("pets.yaml").toString(), "-a", provider, "-v", "1.0.0",
                "-b", "main").exitCode()).isZero();
        // web 1.0.0 reads the pet's name and runs in production; web 2.0.0, on main, reads only the id
        publishPact(web, provider, "1.0.0", "{\"id\": 1, \"name\": \"Rex\"}", "/pets/1");
        publishPact(web, provider, "2.0.0", "{\"id\": 1}", "/pets/1");
        assertThat(Cli.run(registry, "create-environment", "--name", environment, "--production").exitCode()).isZero();
        Run deployed = Cli.run(registry, "record-deployment", "-a", web, "-v", "1.0.0", "-e", environment);
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        // legacy asks for a path the document never had: broken before any change
        publishPact(legacy, provider, "0.9.0", "{\"id\": 1}", "/animals/1");

        Path withoutName = resource("pets.yaml", "required: [id, name]", "required: [id]",
                "        name: {type: string}\n", "");
        Run check = Cli.run(registry, "check", withoutName.toString(), "-a", provider, "-b", "main");
        Run markdown = Cli.run(registry, "check", withoutName.toString(), "-a", provider, "-b", "main", "--format", "markdown");
        Run unchanged = Cli.run(registry, "check", resource("pets.yaml").toString(), "-a", provider, "-b", "main",
                "--format", "markdown");

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("Breaks consumer " + web + " 1.0.0 (deployed in " + environment + "):",
                "Already failing before this change: consumer " + legacy + " 0.9.0");
        assertThat(markdown.out()).startsWith("### ❌").contains("- breaks `" + web + "` 1.0.0 (deployed in " + environment + ")");
        assertThat(unchanged.exitCode()).as(unchanged.toString()).isZero();
        assertThat(unchanged.out()).as("a failing consumer is never shown green").doesNotContain("✅")
                .startsWith("### ⚠️").contains("| " + legacy + " | 0.9.0");
    }

    private void publishPact(String consumer, String provider, String version, String body, String path) throws IOException {
        Path pacts = Files.createDirectories(work.resolve(unique("pacts")));
        Files.copy(resource("pets-pact.json", "CONSUMER", consumer, "PROVIDER", provider,
                "{\"id\": 1, \"name\": \"Rex\"}", body, "/pets/1", path), pacts.resolve("pact.json"));
        Run published = Cli.run(registry, "publish-pacts", pacts.toString(), "-v", version, "-b", "main");
        assertThat(published.exitCode()).as(published.toString()).isZero();
    }
}
