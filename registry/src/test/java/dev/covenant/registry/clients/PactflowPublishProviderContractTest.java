package dev.covenant.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code pact pactflow publish-provider-contract} publishes OpenAPI documents with only the URL. */
class PactflowPublishProviderContractTest extends RegistryTest {

    @TempDir
    Path work;

    Path document(String name) throws IOException {
        Path file = work.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/documents/" + name)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    @Test
    void pactCliPublishesProviderContractWithoutErrors() throws IOException {
        String provider = unique("inventory");
        Path oas = document("inventory-v1.yaml");
        Files.writeString(work.resolve("results.txt"), "dredd: 3 passing\n");

        PactCli.Result result = PactCli.run(work, "pactflow", "publish-provider-contract", oas.toString(),
                "--provider", provider, "--provider-app-version", "1.0.0", "--branch", "main", "--tag", "prod",
                "--content-type", "application/yaml", "--verification-success",
                "--verification-results", "results.txt", "--verification-results-content-type", "text/plain",
                "--verifier", "dredd", "--build-url", "http://ci.example/1",
                "--broker-base-url", baseUrl());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Published provider contract for " + provider + " version 1.0.0")
                .doesNotContainIgnoringCase("error");

        byte[] stored = http.get().uri("/applications/{a}/versions/1.0.0/openapi", provider).exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(stored).isEqualTo(Files.readAllBytes(oas));
        http.get().uri("/provider-contracts/provider/{p}/version/1.0.0", provider).exchange()
                .expectBody()
                .jsonPath("$.selfVerificationResults.success").isEqualTo(true)
                .jsonPath("$.branch").isEqualTo("main")
                .jsonPath("$.tags[0]").isEqualTo("prod");
    }

    @Test
    void republishingWithThePactCliIsANoOpAndChangedContentIsRefused() throws IOException {
        String provider = unique("inventory");
        Path v1 = document("inventory-v1.yaml");
        String[] common = {"--provider", provider, "--provider-app-version", "7", "--content-type",
                "application/yaml", "--broker-base-url", baseUrl()};

        assertThat(publish(v1, common).exitCode()).isZero();
        PactCli.Result again = publish(v1, common);
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("already published with the same content");

        PactCli.Result changed = publish(document("inventory-v2.yaml"), common);
        assertThat(changed.exitCode()).as(changed.output()).isNotZero();
        assertThat(changed.output()).contains("A different OpenAPI document is already published");
    }

    @Test
    void aStructuralProblemIsAWarningByDefaultAndARefusalUnderAStrictPolicy() throws IOException {
        Path broken = work.resolve("broken.yaml");
        Files.writeString(broken, "openapi: 3.0.3\ninfo:\n  version: '1'\npaths: {}\n");

        String lenient = unique("broken");
        PactCli.Result accepted = PactCli.run(work, "pactflow", "publish-provider-contract", broken.toString(),
                "--provider", lenient, "--provider-app-version", "1", "--content-type", "application/yaml",
                "--broker-base-url", baseUrl());
        assertThat(accepted.exitCode()).as(accepted.output()).isZero();
        assertThat(accepted.output()).contains("info.title");

        String strict = unique("strict");
        http.put().uri("/applications/{a}/policy", strict).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"validation\": \"strict\"}").exchange().expectStatus().is2xxSuccessful();
        PactCli.Result refused = PactCli.run(work, "pactflow", "publish-provider-contract", broken.toString(),
                "--provider", strict, "--provider-app-version", "1", "--content-type", "application/yaml",
                "--broker-base-url", baseUrl());
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("info.title");
    }

    private PactCli.Result publish(Path file, String... common) {
        String[] arguments = new String[common.length + 3];
        arguments[0] = "pactflow";
        arguments[1] = "publish-provider-contract";
        arguments[2] = file.toString();
        System.arraycopy(common, 0, arguments, 3, common.length);
        return PactCli.run(work, arguments);
    }
}
