package dev.covenant.registry.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventCodec;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.events.EventTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Team subscriptions against real HTTP receivers on loopback: the affected team gets one signed message naming
 * the operation, field and rule; others get nothing; failures are retried with back-off, then parked and
 * replayable; every attempt is logged.
 */
@TestPropertySource(properties = {"covenant.notifications.allow-http=true",
        "covenant.notifications.allow-private-addresses=true", "covenant.notifications.retry.max-attempts=3",
        "covenant.notifications.retry.initial-backoff=300ms", "covenant.notifications.retry.max-backoff=1s",
        "covenant.notifications.timeout=3s", "covenant.jobs.poll-interval=50ms"})
class NotificationDeliveryTest extends RegistryTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @Autowired
    EventLog events;
    @Autowired
    JsonMapper json;

    final Receiver receiver = Receiver.start();
    final Receiver bystander = Receiver.start();

    @AfterEach
    void stopReceivers() {
        receiver.close();
        bystander.close();
    }

    void team(String team, String... applications) {
        http.put().uri("/teams/{t}", team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("applications", List.of(applications))).exchange().expectStatus().isOk();
    }

    String subscribe(String team, Map<String, Object> body) {
        Map<String, Object> created = http.post().uri("/teams/{t}/subscriptions", team)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        return (String) created.get("id");
    }

    /** What the checks record when a provider change breaks a field the consumer reads. */
    Event breakingChange(String provider, String consumer, String consumerTeam) {
        Map<String, Object> failure = Map.of("interaction", "a request for an item", "operation", "GET /items/{id}",
                "field", "price", "ruleId", "response-property-removed", "code", "response.body.unexpected",
                "message", "the response no longer has the property 'price'");
        Map<String, Object> attributes = Map.of("reportId", "report-" + provider, "compatible", false,
                "trigger", EventTypes.CONTRACT_PUBLISHED, "summary", provider + " 2.0.0 breaks " + consumer,
                "reportPath", "/compatibility-reports/report-" + provider,
                "audience", List.of(Map.of("application", consumer, "team", consumerTeam, "role", "consumer",
                        "failures", List.of(failure))));
        return events.record(Event.of(provider, "2.0.0",
                EventCodec.fromDocument(EventTypes.COMPATIBILITY_CHECKED, attributes),
                "report-" + provider)).block();
    }

    @Test
    void affectedTeamGetsOneSignedMessageNamingOperationFieldAndRule() {
        String provider = unique("inventory");
        String consumer = unique("orders");
        String checkout = unique("checkout");
        String warehouse = unique("warehouse");
        team(checkout, consumer);
        team(warehouse, provider);
        subscribe(checkout, Map.of("url", receiver.url("/hook"), "format", "json", "secret", "s3cret"));
        subscribe(warehouse, Map.of("url", bystander.url("/hook")));

        Event event = breakingChange(provider, consumer, checkout);

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 1);
        assertThat(bystander.received()).as("the provider's team is not in this event's audience").isEmpty();

        Receiver.Received message = receiver.received().get(0);
        String timestamp = message.header("X-Covenant-Timestamp");
        assertThat(message.header("X-Covenant-Signature"))
                .isEqualTo("sha256=" + SubscriptionSigner.hmac("s3cret", timestamp + "." + message.body()));
        JsonNode body = json.readTree(message.body());
        assertThat(body.path("type").asString()).isEqualTo("compatibility.checked");
        assertThat(body.path("summary").asString()).isEqualTo(provider + " 2.0.0 breaks " + consumer);
        assertThat(body.path("application").asString()).isEqualTo(provider);
        assertThat(body.path("version").asString()).isEqualTo("2.0.0");
        JsonNode affected = body.path("affected").get(0);
        assertThat(affected.path("consumer").asString()).isEqualTo(consumer);
        assertThat(affected.path("team").asString()).isEqualTo(checkout);
        JsonNode failure = affected.path("failures").get(0);
        assertThat(failure.path("operation").asString()).isEqualTo("GET /items/{id}");
        assertThat(failure.path("field").asString()).isEqualTo("price");
        assertThat(failure.path("ruleId").asString()).isEqualTo("response-property-removed");
        assertThat(body.path("reportUrl").asString()).isEqualTo(baseUrl() + "/compatibility-reports/report-" + provider);
        assertThat(body.path("event").path("sequence").asLong()).isEqualTo(event.sequence());
        assertThat(message.body()).doesNotContain("s3cret");

        String id = "delivery:" + message.header("X-Covenant-Delivery").replace(":" + event.id(), "") + ":" + event.id();
        http.get().uri("/notifications/deliveries/{id}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("delivered")
                .jsonPath("$.team").isEqualTo(checkout)
                .jsonPath("$.attempts.length()").isEqualTo(1)
                .jsonPath("$.attempts[0].status").isEqualTo("ok")
                .jsonPath("$.attempts[0].time").isNotEmpty()
                .jsonPath("$.request.headers['X-Covenant-Signature']").doesNotExist();
        http.get().uri("/notifications/deliveries?status=delivered&team={t}", checkout).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$._embedded.deliveries.length()").isEqualTo(1)
                .jsonPath("$._embedded.deliveries[0].eventType").isEqualTo("compatibility.checked");
    }

    @Test
    void slackMessageNamesOperationFieldRuleAndReport() {
        String provider = unique("inventory");
        String consumer = unique("orders");
        String checkout = unique("checkout");
        team(checkout, consumer);
        subscribe(checkout, Map.of("url", receiver.url("/slack"), "format", "slack"));

        breakingChange(provider, consumer, checkout);

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
        String text = json.readTree(receiver.received().get(0).body()).path("text").asString();
        assertThat(text).contains(provider + " 2.0.0 breaks " + consumer).contains("GET /items/{id}")
                .contains("`price`").contains("response-property-removed")
                .contains(baseUrl() + "/compatibility-reports/report-" + provider);
        assertThat(receiver.received().get(0).header("X-Covenant-Signature")).as("no secret, no signature").isNull();
    }

    @Test
    void receiverDownThenUpGetsItAfterRetries() {
        String consumer = unique("orders");
        String checkout = unique("checkout");
        team(checkout, consumer);
        String subscription = subscribe(checkout, Map.of("url", receiver.url("/hook")));
        receiver.down();

        Event event = breakingChange(unique("inventory"), consumer, checkout);
        String id = "delivery:" + subscription + ":" + event.id();
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(id).size() >= 1);
        receiver.up();

        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(delivery(id).get("status")));
        assertThat(receiver.received()).hasSize(1);
        List<Map<String, Object>> attempts = attempts(id);
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(attempts.get(0).get("status")).isEqualTo("error");
        assertThat((String) attempts.get(0).get("error")).isNotBlank();
        assertThat(attempts.get(attempts.size() - 1).get("status")).isEqualTo("ok");
    }

    @Test
    void alwaysFailingIsParkedAfterTheConfiguredAttemptsAndReplayDelivers() {
        String consumer = unique("orders");
        String checkout = unique("checkout");
        team(checkout, consumer);
        String subscription = subscribe(checkout, Map.of("url", receiver.url("/hook")));
        receiver.answering(n -> n <= 3 ? 503 : 204);

        Event event = breakingChange(unique("inventory"), consumer, checkout);
        String id = "delivery:" + subscription + ":" + event.id();

        await().atMost(Duration.ofSeconds(20)).until(() -> "parked".equals(delivery(id).get("status")));
        List<Map<String, Object>> attempts = attempts(id);
        assertThat(attempts).hasSize(3).allSatisfy(attempt -> {
            assertThat(attempt.get("status")).isEqualTo("error");
            assertThat(attempt.get("error")).isEqualTo("HTTP 503");
        });
        assertThat(java.time.Instant.parse((String) attempts.get(2).get("time")))
                .as("exponential back-off: 300 ms then 600 ms, each ± 20 %")
                .isAfterOrEqualTo(java.time.Instant.parse((String) attempts.get(0).get("time")).plusMillis(700));
        http.get().uri("/notifications/deliveries?status=parked&team={t}", checkout).exchange()
                .expectBody().jsonPath("$._embedded.deliveries[0].id").isEqualTo(id)
                .jsonPath("$._embedded.deliveries[0].lastError").isEqualTo("HTTP 503");

        http.post().uri("/notifications/deliveries/{id}/replay", id).exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(delivery(id).get("status")));
        assertThat(receiver.answeredOk()).hasSize(1);
        http.post().uri("/notifications/deliveries/{id}/replay", id).exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void teamSubscribedToPactEventsHearsOfItsApplicationsPublishes() {
        String consumer = unique("orders");
        String provider = unique("inventory");
        String checkout = unique("checkout");
        team(checkout, consumer);
        subscribe(checkout, Map.of("url", receiver.url("/hook"), "events", List.of("pact.published")));
        String pact = """
                {"consumer":{"name":"%s"},"provider":{"name":"%s"},"interactions":[{"description":"get","request":
                {"method":"GET","path":"/items/1"},"response":{"status":200}}],"metadata":{"pactSpecification":{"version":"3.0.0"}}}
                """.formatted(consumer, provider);
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/1.0.0", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact).exchange().expectStatus().is2xxSuccessful();

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
        JsonNode body = json.readTree(receiver.received().get(0).body());
        assertThat(body.path("type").asString()).isEqualTo("pact.published");
        assertThat(body.path("summary").asString()).contains(consumer).contains(provider);
        assertThat(body.path("event").path("attributes").path("provider").asString()).isEqualTo(provider);
    }

    @Test
    void subscriptionsKeepTheirSecretAndRefuseBadInput() {
        String checkout = unique("checkout");
        team(checkout);
        String id = subscribe(checkout, Map.of("url", receiver.url("/hook"), "secret", "do-not-show"));
        http.get().uri("/teams/{t}/subscriptions", checkout).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$._embedded.subscriptions[0].id").isEqualTo(id)
                .jsonPath("$._embedded.subscriptions[0].format").isEqualTo("json")
                .jsonPath("$._embedded.subscriptions[0].hasSecret").isEqualTo(true)
                .jsonPath("$._embedded.subscriptions[0].secret").isEqualTo("***")
                .jsonPath("$._embedded.subscriptions[0].events[0]").isEqualTo("compatibility.checked");
        String listing = http.get().uri("/teams/{t}/subscriptions", checkout).exchange()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(listing).doesNotContain("do-not-show");

        http.post().uri("/teams/{t}/subscriptions", checkout).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", receiver.url("/x"), "format", "xml")).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/teams/{t}/subscriptions", checkout).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "ftp://example.com/x")).exchange().expectStatus().isBadRequest();
        http.post().uri("/teams/{t}/subscriptions", checkout).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", receiver.url("/x"), "events", List.of("nonsense"))).exchange()
                .expectStatus().isBadRequest();
        http.post().uri("/teams/{t}/subscriptions", unique("nobody")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", receiver.url("/x"))).exchange().expectStatus().isNotFound();

        http.delete().uri("/teams/{t}/subscriptions/{id}", checkout, id).exchange().expectStatus().isNoContent();
        http.delete().uri("/teams/{t}/subscriptions/{id}", checkout, id).exchange().expectStatus().isNotFound();
        http.get().uri("/teams/{t}/subscriptions", checkout).exchange().expectBody()
                .jsonPath("$._embedded.subscriptions.length()").isEqualTo(0);
        http.get().uri("/notifications/deliveries/{id}", "delivery:none").exchange().expectStatus().isNotFound();
        http.get().uri("/notifications/deliveries?status=lost").exchange().expectStatus().isBadRequest();
    }

    Map<String, Object> delivery(String id) {
        return http.get().uri("/notifications/deliveries/{id}", id).exchange()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> attempts(String id) {
        Map<String, Object> delivery = delivery(id);
        Object attempts = delivery == null ? null : delivery.get("attempts");
        return attempts == null ? List.of() : (List<Map<String, Object>>) attempts;
    }
}
