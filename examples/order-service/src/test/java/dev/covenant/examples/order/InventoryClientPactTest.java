package dev.covenant.examples.order;

import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract order-service relies on, as a pact-jvm consumer test of the real {@link InventoryClient}: it writes
 * {@code order-service-inventory-service.json}, which covenant-junit5 publishes after the run in CI.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "inventory-service", pactVersion = PactSpecVersion.V4)
public class InventoryClientPactTest {

    /** The first WebClient call of the JVM loads Netty; on a loaded two-core CI machine that took over 5 s once. */
    private static final java.time.Duration COLD_START_TIMEOUT = java.time.Duration.ofSeconds(30);


    @Pact(consumer = "order-service")
    V4Pact itemById(PactDslWithProvider builder) {
        return builder
                .given("item 42 exists")
                .uponReceiving("a request for item 42")
                .path("/items/42")
                .method("GET")
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", "application/json(;.*)?", "application/json")
                .body(new PactDslJsonBody()
                        .integerType("id", 42)
                        .stringType("name", "Widget")
                        .decimalType("price", 9.99))
                .toPact(V4Pact.class);
    }

    @Pact(consumer = "order-service")
    V4Pact reserve(PactDslWithProvider builder) {
        return builder
                .given("item 42 has stock", Map.of("available", 10))
                .uponReceiving("a reservation of two units of item 42")
                .path("/reservations")
                .method("POST")
                .matchHeader("Content-Type", "application/json(;.*)?", "application/json")
                .body(new PactDslJsonBody().integerType("itemId", 42).integerType("quantity", 2))
                .willRespondWith()
                .status(201)
                .matchHeader("Content-Type", "application/json(;.*)?", "application/json")
                .body(new PactDslJsonBody()
                        .uuid("reservationId")
                        .stringMatcher("status", "CONFIRMED|PENDING", "CONFIRMED"))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "itemById")
    void readsTheItemNameAndPrice(MockServer inventory) {
        InventoryClient.Item item = new InventoryClient(inventory.getUrl(), COLD_START_TIMEOUT).item(42).block();

        assertThat(item).isNotNull();
        assertThat(item.name()).isEqualTo("Widget");
        assertThat(item.price()).isEqualByComparingTo(new BigDecimal("9.99"));
    }

    @Test
    @PactTestFor(pactMethod = "reserve")
    void reservesStock(MockServer inventory) {
        InventoryClient.Reservation reservation = new InventoryClient(inventory.getUrl(), COLD_START_TIMEOUT).reserve(42, 2).block();

        assertThat(reservation).isNotNull();
        assertThat(reservation.status()).isEqualTo("CONFIRMED");
    }
}
