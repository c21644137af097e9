package dev.covenant.examples.inventory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(classes = InventoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class InventoryApiTest {

    @Autowired
    WebTestClient http;

    @Test
    void returnsAnItemWithItsName() {
        http.get().uri("/items/42").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(42)
                .jsonPath("$.name").isEqualTo("Widget")
                .jsonPath("$.price").isEqualTo(9.99);
    }

    @Test
    void unknownItemIsNotFound() {
        http.get().uri("/items/999").exchange().expectStatus().isNotFound();
    }

    @Test
    void reservingMoreThanInStockIsPending() {
        http.post().uri("/reservations").bodyValue("{\"itemId\":7,\"quantity\":50}")
                .header("Content-Type", "application/json")
                .exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("PENDING");
    }
}
