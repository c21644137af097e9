package dev.covenant.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.SecuredRegistryTest;
import dev.covenant.registry.security.SecuredPacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code pact} CLI against the registry in secured mode: with {@code --broker-token} and with
 * {@code -u/-p} (token name and token), refused without credentials and for another team's application.
 */
class PactCliAuthenticationTest extends SecuredRegistryTest {

    @TempDir
    Path work;

    PactCli.Result pact(List<String> credentials, String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("--broker-base-url");
        all.add(baseUrl());
        all.addAll(credentials);
        return PactCli.run(work, all.toArray(String[]::new));
    }

    Path pactDir(String consumer, String provider) throws IOException {
        Path dir = Files.createDirectories(work.resolve(consumer));
        Files.writeString(dir.resolve(consumer + "-" + provider + ".json"), SecuredPacts.pact(consumer, provider));
        return dir;
    }

    @Test
    void publishesAndAsksCanIDeployWithABearerToken() throws IOException {
        String team = unique("payments");
        String publisher = createToken(unique("payments-ci"), "publish", team);
        String reader = createToken(unique("deploy-gate"), "read", null);
        String consumer = unique("checkout");
        String provider = unique("ledger");

        PactCli.Result published = pact(List.of("--broker-token", publisher), "broker", "publish",
                pactDir(consumer, provider).toString(), "--consumer-app-version", "1.0.0", "--branch", "main");
        assertThat(published.exitCode()).as(published.output()).isZero();
        assertThat(published.output()).contains("Pact successfully published for " + consumer + " version 1.0.0");
        admin().get().uri("/pacticipants/{c}", consumer).exchange()
                .expectBody().jsonPath("$.team").isEqualTo(team);

        PactCli.Result canIDeploy = pact(List.of("--broker-token", reader), "broker", "can-i-deploy",
                "--pacticipant", consumer, "--version", "1.0.0", "--to", "prod");
        assertThat(canIDeploy.output()).as(canIDeploy.output()).contains("Computer says no")
                .doesNotContain("401").doesNotContain("403");

        PactCli.Result readerPublishing = pact(List.of("--broker-token", reader), "broker", "publish",
                pactDir(consumer + "-2", provider).toString(), "--consumer-app-version", "1.0.0");
        assertThat(readerPublishing.exitCode()).isNotZero();
        assertThat(readerPublishing.output()).containsAnyOf("403", "Forbidden", "forbidden", "may not");
    }

    @Test
    void publishesWithBasicCredentialsAndIsRefusedWithoutOrForAnotherTeam() throws IOException {
        String name = unique("orders-ci");
        String token = createToken(name, "publish", unique("orders"));
        String consumer = unique("basket");
        String provider = unique("stock");
        Path pacts = pactDir(consumer, provider);

        PactCli.Result anonymous = pact(List.of(), "broker", "publish", pacts.toString(),
                "--consumer-app-version", "1.0.0");
        assertThat(anonymous.exitCode()).isNotZero();
        assertThat(anonymous.output()).containsAnyOf("401", "Unauthorized", "unauthorized", "secured");

        PactCli.Result basic = pact(List.of("-u", name, "-p", token), "broker", "publish", pacts.toString(),
                "--consumer-app-version", "1.0.0", "--branch", "main");
        assertThat(basic.exitCode()).as(basic.output()).isZero();

        PactCli.Result environment = pact(List.of("-u", name, "-p", token), "broker", "create-environment",
                "--name", unique("prod"), "--production");
        assertThat(environment.exitCode()).isNotZero();

        String otherTeam = createToken(unique("intruder"), "publish", unique("other"));
        PactCli.Result intruder = pact(List.of("--broker-token", otherTeam), "broker", "publish", pacts.toString(),
                "--consumer-app-version", "1.0.1");
        assertThat(intruder.exitCode()).isNotZero();
        assertThat(intruder.output()).contains("belongs to another team");
    }
}
