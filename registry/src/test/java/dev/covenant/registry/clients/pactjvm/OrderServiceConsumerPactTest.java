package dev.covenant.registry.clients.pactjvm;

import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.consumer.MessagePactBuilder;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslJsonRootValue;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.junit5.ProviderType;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The "order-service" consumer of "inventory-service", written the way a real team writes a pact-jvm consumer
 * test: two HTTP interactions with provider states and type matchers, and one asynchronous message, all in one V4
 * pact file ({@code order-service-inventory-service.json} under {@code pact.rootDir}).
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PactJvmFixtures.PROVIDER, pactVersion = PactSpecVersion.V4)
class OrderServiceConsumerPactTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Pact(consumer = PactJvmFixtures.CONSUMER)
    V4Pact itemById(PactDslWithProvider builder) {
        return builder
                .given("item 42 exists")
                .uponReceiving("a request for item 42")
                .path("/items/42")
                .method("GET")
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", "application/json(;.*)?", "application/json")
                .body(item())
                .toPact(V4Pact.class);
    }

    @Pact(consumer = PactJvmFixtures.CONSUMER)
    V4Pact reserve(PactDslWithProvider builder) {
        return builder
                .given("item 42 has stock", Map.of("available", 10))
                .uponReceiving("a reservation of two units of item 42")
                .path("/reservations")
                .method("POST")
                .headers("Content-Type", "application/json")
                .body(new PactDslJsonBody().integerType("itemId", 42).integerType("quantity", 2))
                .willRespondWith()
                .status(201)
                .matchHeader("Content-Type", "application/json(;.*)?", "application/json")
                .body(new PactDslJsonBody()
                        .uuid("reservationId")
                        .stringMatcher("status", "CONFIRMED|PENDING", "CONFIRMED"))
                .toPact(V4Pact.class);
    }

    @Pact(consumer = PactJvmFixtures.CONSUMER)
    V4Pact stockChanged(MessagePactBuilder builder) {
        return builder
                .given("item 42 has stock")
                .expectsToReceive("a stock-changed event for item 42")
                .withMetadata(Map.of("contentType", "application/json"))
                .withContent(new PactDslJsonBody().integerType("itemId", 42).integerType("available", 8))
                .toPact(V4Pact.class);
    }

    /** The body the consumer reads from GET /items/{id}; the changed variant adds a field. */
    static PactDslJsonBody item() {
        return (PactDslJsonBody) new PactDslJsonBody()
                .integerType("id", 42)
                .stringType("name", "Widget")
                .decimalType("price", 9.99)
                .eachLike("tags", PactDslJsonRootValue.stringType("blue"), 1);
    }

    @Test
    @PactTestFor(pactMethod = "itemById")
    void readsAnItem(MockServer mockServer) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(mockServer.getUrl() + "/items/42")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\"");
    }

    @Test
    @PactTestFor(pactMethod = "reserve")
    void reservesStock(MockServer mockServer) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(mockServer.getUrl() + "/reservations"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"itemId\":42,\"quantity\":2}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("CONFIRMED");
    }

    @Test
    @PactTestFor(pactMethod = "stockChanged", providerType = ProviderType.ASYNCH)
    void readsAStockChangedEvent(V4Interaction.AsynchronousMessage message) {
        String content = new String(message.getContents().getContents().getValue(), StandardCharsets.UTF_8);

        assertThat(content).contains("\"available\"");
    }
}
