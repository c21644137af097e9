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

    /** How long a call to inventory may take before the order fails fast. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final WebClient http;
    private final Duration timeout;

    public InventoryClient(String baseUrl) {
        this(baseUrl, DEFAULT_TIMEOUT);
    }

    /** With another timeout, e.g. for tests whose first call pays the HTTP client's start-up on a busy machine. */
    public InventoryClient(String baseUrl, Duration timeout) {
        this.http = WebClient.builder().baseUrl(baseUrl).build();
        this.timeout = timeout;
    }

    /** The item, or empty when inventory does not know it. */
    public Mono<Item> item(long id) {
        return http.get()
                .uri("/items/{id}", id)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(Item.class)
                .onErrorResume(WebClientResponseException.class, InventoryClient::emptyWhenNotFound)
                .timeout(timeout);
    }

    public Mono<Reservation> reserve(long itemId, int quantity) {
        return http.post()
                .uri("/reservations")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(new ReservationRequest(itemId, quantity))
                .retrieve()
                .bodyToMono(Reservation.class)
                .timeout(timeout);
    }

    private static <T> Mono<T> emptyWhenNotFound(WebClientResponseException e) {
        return e.getStatusCode() == HttpStatus.NOT_FOUND ? Mono.empty() : Mono.error(e);
    }
}
