package dev.covenant.registry.clients.pactjvm;

import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The next revision of the order-service consumer: it now also needs the item's {@code sku}. Run only through
 * {@link PactJvmFixtures#generateChangedPacts} (not a surefire test: it writes the same pact file name as
 * {@link OrderServiceConsumerPactTest} with different content).
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PactJvmFixtures.PROVIDER, pactVersion = PactSpecVersion.V4)
class OrderServiceChangedConsumerScenario {

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
                .body(OrderServiceConsumerPactTest.item().stringType("sku", "W-42"))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "itemById")
    void readsAnItemWithItsSku(MockServer mockServer) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(mockServer.getUrl() + "/items/42")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).contains("\"sku\"");
    }
}
