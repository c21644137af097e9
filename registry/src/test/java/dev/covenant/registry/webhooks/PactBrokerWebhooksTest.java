package dev.covenant.registry.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.clients.PactCli;
import dev.covenant.registry.notifications.Receiver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Pact Broker webhooks API, driven by the real {@code pact} CLI ({@code create-or-update-webhook},
 * {@code create-webhook}) and over HTTP, with real receivers on loopback: publishing a pact or a verification
 * triggers matching webhooks with their {@code ${pactbroker.*}} parameters rendered; credentials never shown.
 */
@TestPropertySource(properties = {"covenant.notifications.allow-http=true",
        "covenant.notifications.allow-private-addresses=true", "covenant.jobs.poll-interval=50ms"})
class PactBrokerWebhooksTest extends RegistryTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @TempDir
    Path work;
    @Autowired
    JsonMapper json;

    final Receiver receiver = Receiver.start();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    PactCli.Result pact(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("--broker-base-url");
        all.add(baseUrl());
        return PactCli.run(work, all.toArray(String[]::new));
    }

    Path pactDir(String consumer, String provider, String variant) throws IOException {
        Path dir = Files.createDirectories(work.resolve(consumer + variant));
        try (InputStream in = getClass().getResourceAsStream("/pacts/order-service-inventory-service.json")) {
            String pact = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"order-service\"", "\"" + consumer + "\"")
                    .replace("\"inventory-service\"", "\"" + provider + "\"");
            if (!variant.isEmpty()) {
                pact = pact.replace("\"quantity\": 3", "\"quantity\": 4");
            }
            Files.writeString(dir.resolve(consumer + "-" + provider + ".json"), pact);
        }
        return dir;
    }

    void publish(String consumer, String provider, String version, String variant) throws IOException {
        PactCli.Result published = pact("broker", "publish", pactDir(consumer, provider, variant).toString(),
                "--consumer-app-version", version, "--branch", "main");
        assertThat(published.exitCode()).as(published.output()).isZero();
    }

    @Test
    void createOrUpdateWebhookWithTheCliThenAPublishTriggersIt() throws IOException {
        String consumer = unique("orders");
        String provider = unique("inventory");
        publish(consumer, provider, "1.0.0", "");
        String uuid = "cli-webhook-" + Long.toHexString(System.nanoTime());

        PactCli.Result created = pact("broker", "create-or-update-webhook",
                receiver.url("/build?consumer=${pactbroker.consumerName}"), "--uuid", uuid, "--request", "POST",
                "--header", "Content-Type: application/json", "--user", "ci:hunter2",
                "--data", "{\"pactUrl\":\"${pactbroker.pactUrl}\",\"version\":\"${pactbroker.consumerVersionNumber}\","
                        + "\"branch\":\"${pactbroker.consumerVersionBranch}\",\"event\":\"${pactbroker.eventName}\"}",
                "--consumer", consumer, "--provider", provider, "--contract-content-changed",
                "--description", "Trigger the provider build");
        assertThat(created.exitCode()).as(created.output()).isZero();
        assertThat(created.output()).containsIgnoringCase("created");

        Map<String, Object> webhook = http.get().uri("/webhooks/{uuid}", uuid).exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        String shown = json.writeValueAsString(webhook);
        assertThat(shown).doesNotContain("hunter2").contains("\"password\":\"**********\"");
        assertThat(webhook.get("description")).isEqualTo("Trigger the provider build");

        PactCli.Result updated = pact("broker", "create-or-update-webhook", receiver.url("/build2"), "--uuid", uuid,
                "--request", "POST", "--consumer", consumer, "--provider", provider, "--contract-published",
                "--contract-content-changed", "--description", "Trigger the provider build");
        assertThat(updated.exitCode()).as(updated.output()).isZero();
        assertThat(updated.output()).containsIgnoringCase("updated");
        // back to the first definition, then publish changed content
        assertThat(pact("broker", "create-or-update-webhook",
                receiver.url("/build?consumer=${pactbroker.consumerName}"), "--uuid", uuid, "--request", "POST",
                "--header", "Content-Type: application/json", "--user", "ci:hunter2",
                "--data", "{\"pactUrl\":\"${pactbroker.pactUrl}\",\"version\":\"${pactbroker.consumerVersionNumber}\","
                        + "\"branch\":\"${pactbroker.consumerVersionBranch}\",\"event\":\"${pactbroker.eventName}\"}",
                "--consumer", consumer, "--provider", provider, "--contract-content-changed").exitCode()).isZero();

        publish(consumer, provider, "1.0.1", "-changed");

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
        Receiver.Received request = receiver.received().get(0);
        assertThat(request.path()).isEqualTo("/build?consumer=" + consumer);
        assertThat(request.header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("ci:hunter2".getBytes(StandardCharsets.UTF_8)));
        JsonNode body = json.readTree(request.body());
        assertThat(body.path("version").asString()).isEqualTo("1.0.1");
        assertThat(body.path("branch").asString()).isEqualTo("main");
        assertThat(body.path("event").asString()).isEqualTo("contract_content_changed");
        assertThat(body.path("pactUrl").asString())
                .startsWith(baseUrl() + "/pacts/provider/" + provider + "/consumer/" + consumer + "/pact-version/");
        http.get().uri(body.path("pactUrl").asString()).exchange().expectStatus().isOk();

        // the same content again is no content change: nothing more is sent
        publish(consumer, provider, "1.0.2", "-changed");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    }

    @Test
    void webhookForAConsumerLabelFiresOnlyForLabelledConsumers() throws IOException {
        String label = unique("team-web");
        String labelled = unique("web-shop");
        String other = unique("batch-job");
        String provider = unique("inventory");
        http.put().uri("/pacticipants/{p}/labels/{l}", labelled, label).exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.name").isEqualTo(label);
        http.put().uri("/pacticipants/{p}/labels/{l}", labelled, label).exchange().expectStatus().isOk();
        http.get().uri("/pacticipants/label/{l}", label).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.pacticipants[*].name").isEqualTo(List.of(labelled));
        // A provider named by a webhook must exist.
        http.put().uri("/pacticipants/{p}", provider).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isCreated();
        http.post().uri("/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"description\":\"by label\",\"events\":[{\"name\":\"contract_published\"}],"
                        + "\"consumer\":{\"label\":\"" + label + "\"},\"provider\":{\"name\":\"" + provider + "\"},"
                        + "\"request\":{\"method\":\"POST\",\"url\":\"" + receiver.url("/labelled") + "\"}}")
                .exchange()
                .expectStatus().isCreated();

        publish(other, provider, "1.0.0", "");
        publish(labelled, provider, "1.0.0", "");

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        assertThat(receiver.received().get(0).path()).isEqualTo("/labelled");

        http.delete().uri("/pacticipants/{p}/labels/{l}", labelled, label).exchange().expectStatus().isNoContent();
        http.get().uri("/pacticipants/{p}/labels/{l}", labelled, label).exchange().expectStatus().isNotFound();
    }

    @Test
    void createWebhookWithTheCliForVerificationResults() throws IOException {
        String consumer = unique("orders");
        String provider = unique("inventory");
        publish(consumer, provider, "1.0.0", "");
        PactCli.Result created = pact("broker", "create-webhook", receiver.url("/status"), "--request", "POST",
                "--header", "Content-Type: application/json",
                "--data", "{\"state\":\"${pactbroker.githubVerificationStatus}\",\"provider\":\"${pactbroker.providerVersionNumber}\","
                        + "\"result\":\"${pactbroker.verificationResultUrl}\"}",
                "--provider", provider, "--provider-verification-published");
        assertThat(created.exitCode()).as(created.output()).isZero();
        http.get().uri("/webhooks/provider/{p}", provider).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$._links['pb:webhooks'].length()").isEqualTo(1);

        Map<String, Object> latest = http.get().uri("/pacts/provider/{p}/consumer/{c}/latest", provider, consumer)
                .exchange().expectBody(JSON).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        String publishUrl = (String) ((Map<String, Object>) ((Map<String, Object>) latest.get("_links"))
                .get("pb:publish-verification-results")).get("href");
        http.post().uri(publishUrl).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("success", false, "providerApplicationVersion", "7.0.0")).exchange()
                .expectStatus().is2xxSuccessful();

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
        JsonNode body = json.readTree(receiver.received().get(0).body());
        assertThat(body.path("state").asString()).isEqualTo("failure");
        assertThat(body.path("provider").asString()).isEqualTo("7.0.0");
        assertThat(body.path("result").asString()).contains("/verification-results/");
        http.get().uri(body.path("result").asString()).exchange().expectStatus().isOk();
    }

    @Test
    void webhooksApiCreatesReadsUpdatesDeletesAndExecutes() {
        String consumer = unique("orders");
        String provider = unique("inventory");
        for (String name : List.of(consumer, provider)) {
            http.put().uri("/pacticipants/{n}", name).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange().expectStatus().is2xxSuccessful();
        }
        Map<String, Object> request = Map.of("method", "POST", "url", receiver.url("/exec"),
                "headers", Map.of("Authorization", "Bearer secret-token", "X-Kind", "${pactbroker.eventName}"),
                "body", Map.of("consumer", "${pactbroker.consumerName}"));
        Map<String, Object> definition = Map.of("description", "exec", "events",
                List.of(Map.of("name", "contract_published")), "request", request,
                "consumer", Map.of("name", consumer), "provider", Map.of("name", provider));

        Map<String, Object> created = http.post().uri("/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(definition).exchange().expectStatus().isCreated()
                .expectHeader().contentType("application/hal+json;charset=utf-8")
                .expectBody(JSON).returnResult().getResponseBody();
        String uuid = (String) created.get("uuid");
        assertThat(json.writeValueAsString(created)).doesNotContain("secret-token");
        http.get().uri("/webhooks").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$._links['pb:webhooks'][?(@.href =~ /.*" + uuid + "/)]").exists();
        http.get().uri("/webhooks/provider/{p}/consumer/{c}", provider, consumer).exchange().expectBody()
                .jsonPath("$._embedded.webhooks[0].uuid").isEqualTo(uuid)
                .jsonPath("$._embedded.webhooks[0].request.headers.Authorization").isEqualTo("**********");
        http.get().uri("/webhooks/consumer/{c}", consumer).exchange().expectBody()
                .jsonPath("$._embedded.webhooks.length()").isEqualTo(1);

        Map<String, Object> executed = http.post().uri("/webhooks/{uuid}/execute", uuid).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(executed.get("success")).isEqualTo(true);
        assertThat(json.writeValueAsString(executed)).doesNotContain("secret-token").contains("**********");
        assertThat(receiver.received()).hasSize(1);
        assertThat(receiver.received().get(0).header("Authorization")).isEqualTo("Bearer secret-token");
        assertThat(json.readTree(receiver.received().get(0).body()).path("consumer").asString()).isEqualTo(consumer);

        String putUuid = "put-webhook-" + Long.toHexString(System.nanoTime());
        http.put().uri("/webhooks/{uuid}", putUuid).contentType(MediaType.APPLICATION_JSON).bodyValue(definition)
                .exchange().expectStatus().isCreated();
        http.put().uri("/webhooks/{uuid}", putUuid).contentType(MediaType.APPLICATION_JSON).bodyValue(definition)
                .exchange().expectStatus().isOk();
        http.put().uri("/webhooks/{uuid}", "short").contentType(MediaType.APPLICATION_JSON).bodyValue(definition)
                .exchange().expectStatus().isBadRequest();
        http.post().uri("/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("request", Map.of("method", "TRACE", "url", "ftp://x"),
                        "events", List.of(Map.of("name", "nonsense"))))
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors['request.method']").exists()
                .jsonPath("$.errors['request.url']").exists()
                .jsonPath("$.errors.events").exists();
        http.post().uri("/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("request", request, "consumer", Map.of("name", unique("ghost"))))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors['consumer.name']").exists();

        receiver.answering(n -> 500);
        http.post().uri("/webhooks/{uuid}/execute", uuid).exchange().expectStatus().isEqualTo(500).expectBody()
                .jsonPath("$.success").isEqualTo(false).jsonPath("$.response.status").isEqualTo(500);

        http.delete().uri("/webhooks/{uuid}", uuid).exchange().expectStatus().isNoContent();
        http.get().uri("/webhooks/{uuid}", uuid).exchange().expectStatus().isNotFound().expectBody()
                .jsonPath("$.errors").exists();
        http.get().uri("/").exchange().expectBody().jsonPath("$._links['pb:webhooks'].href").isEqualTo(baseUrl() + "/webhooks");
    }
}
