package dev.covenant.registry.clients.pactjvm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real pact-jvm Maven plugin resolves and runs from a child mvn, without a registry. */
class MavenPactPluginTest {

    @TempDir
    Path work;

    @Test
    void canIDeployFailsCleanlyWhenNothingListens() throws IOException {
        MavenPactPlugin.Result result = MavenPactPlugin.canIDeploy("http://127.0.0.1:" + unusedPort(), "order-service",
                "1.0.0", "production");

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("Computer says no").contains("Connection refused");
    }

    @Test
    void canIDeployAsksTheMatrixAndPassesWhenDeployable() {
        try (FakePactBroker broker = FakePactBroker.start()) {
            MavenPactPlugin.Result result = MavenPactPlugin.canIDeploy(broker.url(), "order-service", "1.0.0",
                    "production");

            assertThat(result.exitCode()).as(result.output()).isZero();
            FakePactBroker.Request matrix = broker.requests().stream()
                    .filter(request -> request.path().equals("/matrix"))
                    .findFirst()
                    .orElseThrow();
            assertThat(URLDecoder.decode(matrix.query(), StandardCharsets.UTF_8)).isEqualTo(
                    "q[][pacticipant]=order-service&latestby=cvp&q[][version]=1.0.0&environment=production");
        }
    }

    @Test
    void publishSendsThePactFilesToPublishContracts() throws IOException {
        Path pacts = Files.createDirectories(work.resolve("pacts"));
        Files.writeString(pacts.resolve("order-service-inventory-service.json"), """
                {"consumer":{"name":"order-service"},"provider":{"name":"inventory-service"},"interactions":[],
                 "metadata":{"pactSpecification":{"version":"3.0.0"}}}""");
        try (FakePactBroker broker = FakePactBroker.start()) {
            MavenPactPlugin.Result result = MavenPactPlugin.publish(broker.url(), pacts, "1.0.0", "main");

            assertThat(result.exitCode()).as(result.output()).isZero();
            FakePactBroker.Request publish = broker.requests().stream()
                    .filter(request -> request.path().equals("/contracts/publish"))
                    .findFirst()
                    .orElseThrow();
            JsonNode body = new ObjectMapper().readTree(publish.body());
            assertThat(body.get("pacticipantName").asText()).isEqualTo("order-service");
            assertThat(body.get("pacticipantVersionNumber").asText()).isEqualTo("1.0.0");
            assertThat(body.get("branch").asText()).isEqualTo("main");
            JsonNode contract = body.at("/contracts/0");
            assertThat(contract.get("providerName").asText()).isEqualTo("inventory-service");
            assertThat(new String(Base64.getDecoder().decode(contract.get("content").asText())))
                    .contains("\"order-service\"");
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
