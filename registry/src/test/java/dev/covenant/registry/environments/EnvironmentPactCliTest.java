package dev.covenant.registry.environments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.clients.PactCli;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code pact broker} environment, deployment and release commands work against the registry with
 * only its URL, and print what they print against the Pact Broker.
 */
class EnvironmentPactCliTest extends RegistryTest {

    private static final Pattern CREATED = Pattern.compile("Created (\\S+) environment in the Pact Broker with UUID (\\S+)");

    @TempDir
    Path work;

    @Test
    void environmentsAreCreatedListedAndDescribed() {
        String name = unique("production");
        String uuid = createEnvironment(name);

        PactCli.Result list = pact("list-environments");
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.stdout()).contains(uuid).contains(name).contains(EnvironmentRequest.displayNameOf(name));

        PactCli.Result describe = pact("describe-environment", "--uuid", uuid);
        assertThat(describe.exitCode()).as(describe.output()).isZero();
        assertThat(describe.stdout()).contains("UUID " + uuid).contains("Name: " + name).contains("Production: true");
    }

    @Test
    void environmentsAreUpdatedAndDeleted() {
        String uuid = createEnvironment(unique("staging"));
        String renamed = unique("test");
        PactCli.Result updated = pact("update-environment", "--uuid", uuid, "--name", renamed,
                "--display-name", "Test");
        assertThat(updated.exitCode()).as(updated.output()).isZero();
        assertThat(updated.stdout()).contains(renamed);
        http.get().uri("/environments/{u}", uuid).exchange()
                .expectBody()
                .jsonPath("$.name").isEqualTo(renamed)
                .jsonPath("$.displayName").isEqualTo("Test");

        PactCli.Result deleted = pact("delete-environment", "--uuid", uuid);
        assertThat(deleted.exitCode()).as(deleted.output()).isZero();
        http.get().uri("/environments/{u}", uuid).exchange().expectStatus().isNotFound();
    }

    @Test
    void creatingAnEnvironmentTwiceReportsTheTakenName() {
        String name = unique("production");
        createEnvironment(name);
        PactCli.Result again = pact("create-environment", "--name", name, "--production");
        assertThat(again.exitCode()).as(again.output()).isNotZero();
        assertThat(again.output()).contains("Another environment with name '" + name + "' already exists.");
    }

    @Test
    void deploymentIsRecordedAndUndeployed() {
        String environment = unique("production");
        String uuid = createEnvironment(environment);
        String app = unique("orders");
        Fixtures.version(http, app, "1.0.0");

        PactCli.Result deployed = pact("record-deployment", "--pacticipant", app, "--version", "1.0.0",
                "--environment", environment);
        assertThat(deployed.exitCode()).as(deployed.output()).isZero();
        assertThat(deployed.stdout())
                .contains("Recorded deployment of " + app + " version 1.0.0 to " + environment + " environment in the Pact Broker.");
        http.get().uri("/environments/{e}/deployed-versions/currently-deployed?pacticipant={a}", uuid, app).exchange()
                .expectBody()
                .jsonPath("$._embedded.deployedVersions[0]._embedded.version.number").isEqualTo("1.0.0")
                .jsonPath("$._embedded.deployedVersions[0].applicationInstance").doesNotExist();

        PactCli.Result undeployed = pact("record-undeployment", "--pacticipant", app, "--environment", environment);
        assertThat(undeployed.exitCode()).as(undeployed.output()).isZero();
        assertThat(undeployed.stdout()).contains("Undeployed " + app + " from " + environment + " environment");
        http.get().uri("/environments/{e}/deployed-versions/currently-deployed?pacticipant={a}", uuid, app).exchange()
                .expectBody().jsonPath("$._embedded.deployedVersions.length()").isEqualTo(0);
    }

    @Test
    void deploymentToAnApplicationInstanceReplacesOnlyThatInstance() {
        String environment = unique("production");
        String uuid = createEnvironment(environment);
        String app = unique("orders");
        Fixtures.version(http, app, "1");
        Fixtures.version(http, app, "2");

        assertThat(pact("record-deployment", "--pacticipant", app, "--version", "1", "--environment", environment,
                "--application-instance", "eu").exitCode()).isZero();
        PactCli.Result second = pact("record-deployment", "--pacticipant", app, "--version", "2",
                "--environment", environment, "--application-instance", "us");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.stdout()).contains("Recorded deployment of " + app + " version 2 to " + environment
                + " environment (application instance us) in the Pact Broker.");
        http.get().uri("/environments/{e}/deployed-versions/currently-deployed?pacticipant={a}&applicationInstance=eu",
                        uuid, app).exchange()
                .expectBody().jsonPath("$._embedded.deployedVersions[0]._embedded.version.number").isEqualTo("1");
    }

    @Test
    void deployingToAnUnknownEnvironmentIsReported() {
        String app = unique("orders");
        Fixtures.version(http, app, "1");
        PactCli.Result result = pact("record-deployment", "--pacticipant", app, "--version", "1",
                "--environment", "no-such-environment");
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("Environment no-such-environment does not exist");
    }

    @Test
    void releaseIsRecordedAndItsSupportEnded() {
        String environment = unique("app-store");
        String uuid = createEnvironment(environment);
        String app = unique("mobile");
        Fixtures.version(http, app, "3.0");
        Fixtures.version(http, app, "3.1");
        Fixtures.release(http, app, "3.0", uuid);

        PactCli.Result released = pact("record-release", "--pacticipant", app, "--version", "3.1",
                "--environment", environment);
        assertThat(released.exitCode()).as(released.output()).isZero();
        assertThat(released.stdout())
                .contains("Recorded release of " + app + " version 3.1 to " + environment + " environment in the Pact Broker.");
        http.get().uri("/environments/{e}/released-versions/currently-supported?pacticipant={a}", uuid, app).exchange()
                .expectBody().jsonPath("$._embedded.releasedVersions.length()").isEqualTo(2);

        PactCli.Result ended = pact("record-support-ended", "--pacticipant", app, "--version", "3.1",
                "--environment", environment);
        assertThat(ended.exitCode()).as(ended.output()).isZero();
        assertThat(ended.stdout()).contains("Recorded support ended for application " + app + ", version 3.1 from "
                + environment + " environment");
        http.get().uri("/environments/{e}/released-versions/currently-supported?pacticipant={a}", uuid, app).exchange()
                .expectBody().jsonPath("$._embedded.releasedVersions[*]._embedded.version.number").isEqualTo(List.of("3.0"));
    }

    private String createEnvironment(String name) {
        PactCli.Result created = pact("create-environment", "--name", name, "--production");
        assertThat(created.exitCode()).as(created.output()).isZero();
        Matcher matcher = CREATED.matcher(created.stdout());
        assertThat(matcher.find()).as(created.output()).isTrue();
        assertThat(matcher.group(1)).isEqualTo(name);
        return matcher.group(2);
    }

    private PactCli.Result pact(String command, String... arguments) {
        String[] all = new String[arguments.length + 4];
        all[0] = "broker";
        all[1] = command;
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        all[all.length - 2] = "--broker-base-url";
        all[all.length - 1] = baseUrl();
        return PactCli.run(work, all);
    }
}
