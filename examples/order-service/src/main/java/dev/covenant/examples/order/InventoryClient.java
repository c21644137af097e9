package dev.covenant.examples.order;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/** What order-service needs from inventory-service, over WebClient. Its pact test is the contract. */
public class InventoryClient {

    /** The fields of an item order-service reads (inventory sends more; they are ignored). */
    public record Item(long id, String name, BigDecimal price) {
    }

    /** A reservation of stock. */
    public record Reservation(String reservationId, String status) {
    }

    record ReservationRequest(long itemId, int quantity) {
    }

    private final WebClient http;

    public InventoryClient(String baseUrl) {
        this.http = WebClient.builder().baseUrl(baseUrl).build();
    }

    /** The item, or empty when inventory does not know it. */
    public Mono<Item> item(long id) {
        return http.get()
                .uri("/items/{id}", id)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(Item.class)
                .onErrorResume(WebClientResponseException.class, InventoryClient::emptyWhenNotFound)
                .timeout(Duration.ofSeconds(5));
    }

    public Mono<Reservation> reserve(long itemId, int quantity) {
        return http.post()
                .uri("/reservations")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(new ReservationRequest(itemId, quantity))
                .retrieve()
                .bodyToMono(Reservation.class)
                .timeout(Duration.ofSeconds(5));
    }

    private static <T> Mono<T> emptyWhenNotFound(WebClientResponseException e) {
        return e.getStatusCode() == HttpStatus.NOT_FOUND ? Mono.empty() : Mono.error(e);
    }
}
