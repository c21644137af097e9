package dev.covenant.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/ci.md's GitHub Actions workflow, run as written after checkout: every {@code run:} step of both jobs, in
 * bash, in a copy of inventory-service's files, with the variables GitHub sets and the workflow's own {@code env},
 * against the registry started from its jar. Steps that only GitHub can run ({@code uses:} actions) and the
 * project's own build ({@code mvn -B verify}) are left out; {@code ./deploy.sh} is the user's and is a no-op here.
 */
class GitHubActionsExampleTest {

    private static final Path CI_MD = Path.of("../../docs/ci.md");
    private static final Path INVENTORY = Path.of("../inventory-service");

    @TempDir
    Path checkout;

    private record Step(String job, String name, String condition, String run) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> workflow() throws IOException {
        String markdown = Files.readString(CI_MD);
        String section = markdown.substring(markdown.indexOf("## GitHub Actions"));
        Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(block.find()).as("a yaml block under '## GitHub Actions' in docs/ci.md").isTrue();
        return new Yaml().load(block.group(1));
    }

    @SuppressWarnings("unchecked")
    private static List<Step> steps(Map<String, Object> workflow) {
        List<Step> steps = new ArrayList<>();
        Map<String, Object> jobs = (Map<String, Object>) workflow.get("jobs");
        jobs.forEach((job, definition) -> {
            for (Map<String, Object> step : (List<Map<String, Object>>) ((Map<String, Object>) definition).get("steps")) {
                if (step.containsKey("run")) {
                    steps.add(new Step(job, String.valueOf(step.get("name")), (String) step.get("if"),
                            (String) step.get("run")));
                }
            }
        });
        return steps;
    }

    /** The two conditions the example uses, as GitHub evaluates them. */
    private static boolean holds(String condition, String event, String ref) {
        if (condition == null) {
            return true;
        }
        return switch (condition.strip()) {
            case "github.event_name == 'pull_request'" -> event.equals("pull_request");
            case "github.ref == 'refs/heads/main'" -> ref.equals("refs/heads/main");
            default -> throw new AssertionError("the test does not know the condition " + condition);
        };
    }

    private record Ran(Step step, int exit, String output) {
    }

    private List<Ran> runWorkflow(Map<String, Object> workflow, String registry, String event, String sha,
            String branch) throws IOException, InterruptedException {
        String ref = "refs/heads/" + branch;
        Path summary = Files.createTempFile(checkout, "summary", ".md");
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        env.put("CI", "true");
        env.put("GITHUB_SHA", sha);
        env.put("GITHUB_EVENT_NAME", event);
        env.put("GITHUB_REF", ref);
        env.put("GITHUB_REF_NAME", branch);
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        if (event.equals("pull_request")) {
            env.put("GITHUB_HEAD_REF", branch);
            env.put("GITHUB_BASE_REF", "main");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> declared = (Map<String, Object>) workflow.get("env");
        declared.forEach((name, value) -> env.put(name, String.valueOf(value)));
        env.put("COVENANT_URL", registry);   // ${{ secrets.COVENANT_URL }}
        env.put("COVENANT_TOKEN", "");        // ${{ secrets.COVENANT_TOKEN }}: the test registry is open
        List<Ran> ran = new ArrayList<>();
        Map<String, Boolean> jobFailed = new LinkedHashMap<>();
        for (Step step : steps(workflow)) {
            if (step.run().strip().equals("mvn -B verify") || Boolean.TRUE.equals(jobFailed.get(step.job()))
                    || !holds(step.condition(), event, ref)
                    || step.job().equals("deploy") && !ref.equals("refs/heads/main")) {
                continue;
            }
            ProcessBuilder builder = new ProcessBuilder("bash", "-eo", "pipefail", "-c", step.run())
                    .directory(checkout.toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            ran.add(new Ran(step, process.exitValue(), output));
            if (process.exitValue() != 0) {
                jobFailed.put(step.job(), true);
            }
        }
        return ran;
    }

    @Test
    void theWorkflowRunsAsWrittenAfterCheckout() throws Exception {
        // a fresh store: the example's own names (inventory-service, production) as the workflow writes them
        String registry = RunningRegistry.fresh().url();
        // the checkout: the provider's repository, as examples/inventory-service lays it out
        Path document = checkout.resolve("src/main/resources/openapi/inventory.yaml");
        Files.createDirectories(document.getParent());
        Files.copy(INVENTORY.resolve("src/main/resources/openapi/inventory.yaml"), document);
        Path deploy = Files.writeString(checkout.resolve("deploy.sh"), "#!/bin/sh\necho \"deploying to $1\"\n");
        deploy.toFile().setExecutable(true);
        // set up once by whoever runs the registry: the production environment
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry + "/environments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"production\",\"production\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        Map<String, Object> workflow = workflow();

        String sha = "a1b2c3" + Long.toHexString(System.nanoTime());
        List<Ran> push = runWorkflow(workflow, registry, "push", sha, "main");
        List<Ran> pullRequest = runWorkflow(workflow, registry, "pull_request", sha + "f", "feature");

        assertThat(push).extracting(ran -> ran.step().job() + ": " + ran.step().name()).containsExactly(
                "test: Fetch covenant-cli.jar", "test: Publish the OpenAPI document",
                "deploy: Fetch covenant-cli.jar", "deploy: Can I deploy?", "deploy: Deploy", "deploy: Record the deployment");
        assertThat(pullRequest).extracting(ran -> ran.step().name()).containsExactly(
                "Fetch covenant-cli.jar", "Pre-merge check", "Publish the OpenAPI document");
        for (Ran ran : concat(push, pullRequest)) {
            assertThat(ran.exit()).as(ran.step().name() + ":\n" + ran.output()).isZero();
        }
        assertThat(Files.size(checkout.resolve("covenant-cli.jar"))).as("the jar the registry served")
                .isEqualTo(Files.size(Path.of("../../contract-testing/cli/target/covenant-cli.jar")));
        assertThat(push.get(5).output()).contains("Recorded inventory-service " + sha + " as deployed to production");
        assertThat(Files.readString(Files.list(checkout).filter(p -> p.getFileName().toString().startsWith("summary"))
                .filter(p -> {
                    try {
                        return Files.size(p) > 0;
                    } catch (IOException e) {
                        return false;
                    }
                }).findFirst().orElseThrow())).startsWith("### ").contains("`inventory-service` into `main`").doesNotContain("❌");
    }

    private static List<Ran> concat(List<Ran> a, List<Ran> b) {
        List<Ran> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
