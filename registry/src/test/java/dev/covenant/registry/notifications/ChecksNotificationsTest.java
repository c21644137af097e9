package dev.covenant.registry.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.covenant.registry.RegistryTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks and notifications end to end, from publishes over HTTP to receivers on loopback: a provider drops a
 * response field; the team whose consumer reads it is told which operation, field and rule; the team whose
 * consumer does not use it, and the provider's own team, hear nothing.
 */
@TestPropertySource(properties = {"covenant.notifications.allow-http=true",
        "covenant.notifications.allow-private-addresses=true", "covenant.jobs.poll-interval=50ms"})
class ChecksNotificationsTest extends RegistryTest {

    @Autowired
    JsonMapper json;

    final Receiver readerTeam = Receiver.start();
    final Receiver bystanderTeam = Receiver.start();
    final Receiver providerTeam = Receiver.start();

    final String provider = unique("items");
    final String reader = unique("stock-ui");
    final String bystander = unique("catalog-ui");

    @AfterEach
    void stopReceivers() {
        readerTeam.close();
        bystanderTeam.close();
        providerTeam.close();
    }

    @Test
    void consumerNotUsingTheChangedFieldIsNotNotified() {
        dropQuantityFromTheProvidersResponse();

        await().atMost(Duration.ofSeconds(60)).until(() -> readerTeam.received().size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> bystanderTeam.received().isEmpty() && providerTeam.received().isEmpty());
        assertThat(readerTeam.received()).hasSize(1);
    }

    @Test
    void breakingChangeToAFieldAConsumerReadsTellsThatTeamTheOperationFieldAndRule() {
        dropQuantityFromTheProvidersResponse();

        await().atMost(Duration.ofSeconds(60)).until(() -> readerTeam.received().size() == 1);
        JsonNode message = json.readTree(readerTeam.received().get(0).body());
        assertThat(message.path("type").asString()).isEqualTo("compatibility.checked");
        assertThat(message.path("application").asString()).isEqualTo(provider);
        assertThat(message.path("version").asString()).isEqualTo("2.0.0");
        assertThat(message.path("compatible").asBoolean()).isFalse();
        JsonNode affected = message.path("affected").get(0);
        assertThat(affected.path("application").asString()).isEqualTo(reader);
        assertThat(affected.path("role").asString()).isEqualTo("consumer");
        JsonNode failure = affected.path("failures").get(0);
        assertThat(failure.path("operation").asString()).isEqualTo("GET /items/{id}");
        assertThat(failure.path("field").asString()).isEqualTo("quantity");
        assertThat(failure.path("ruleId").asString()).isEqualTo("response-required-property-removed");
        String reportUrl = message.path("reportUrl").asString();
        assertThat(reportUrl).startsWith(baseUrl() + "/compatibility-reports/");
        http.get().uri(reportUrl).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.compatible").isEqualTo(false);
    }

    /** Teams and subscriptions, provider v1 with {@code quantity}, two consumers' pacts, then v2 without it. */
    private void dropQuantityFromTheProvidersResponse() {
        String readers = unique("stock-team");
        String bystanders = unique("catalog-team");
        String owners = unique("items-team");
        team(readers, reader);
        team(bystanders, bystander);
        team(owners, provider);
        subscribe(readers, readerTeam);
        subscribe(bystanders, bystanderTeam);
        subscribe(owners, providerTeam);

        publishDocument("1.0.0", true);
        publishPact(reader, true);
        publishPact(bystander, false);
        publishDocument("2.0.0", false);
    }

    private void team(String team, String application) {
        http.put().uri("/teams/{t}", team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("applications", List.of(application))).exchange().expectStatus().isOk();
    }

    private void subscribe(String team, Receiver receiver) {
        http.post().uri("/teams/{t}/subscriptions", team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", receiver.url("/hook"), "format", "json")).exchange()
                .expectStatus().isCreated();
    }

    private void publishDocument(String version, boolean withQuantity) {
        String document = dev.covenant.registry.ItemsDocument.json(version, withQuantity);
        http.put().uri("/applications/{a}/versions/{v}/openapi?branch=main", provider, version)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(document).exchange().expectStatus().isCreated();
    }

    private void publishPact(String consumer, boolean readsQuantity) {
        String body = readsQuantity ? "{\"id\": \"42\", \"quantity\": 3}" : "{\"id\": \"42\", \"name\": \"bolt\"}";
        String pact = """
                {"consumer": {"name": "%s"}, "provider": {"name": "%s"},
                 "interactions": [{"description": "get item 42", "request": {"method": "GET", "path": "/items/42"},
                   "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": %s}}],
                 "metadata": {"pactSpecification": {"version": "3.0.0"}}}
                """.formatted(consumer, provider, body);
        http.put().uri("/pacticipants/{c}/branches/main/versions/1", consumer).exchange().expectStatus().isOk();
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact).exchange().expectStatus().is2xxSuccessful();
    }
}
