package dev.covenant.examples.order;

import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** POST /orders: looks the item up, reserves the stock, answers with the order line. */
@RestController
class OrderController {

    record OrderRequest(long itemId, int quantity) {
    }

    record Order(String reservationId, String status, long itemId, String itemName, BigDecimal total) {
    }

    private final InventoryClient inventory;

    OrderController(InventoryClient inventory) {
        this.inventory = inventory;
    }

    @PostMapping("/orders")
    Mono<ResponseEntity<Order>> order(@RequestBody OrderRequest request) {
        return inventory.item(request.itemId())
                .flatMap(item -> inventory.reserve(item.id(), request.quantity())
                        .map(reservation -> new Order(reservation.reservationId(), reservation.status(), item.id(),
                                item.name(), item.price().multiply(BigDecimal.valueOf(request.quantity())))))
                .map(order -> ResponseEntity.status(HttpStatus.CREATED).body(order))
                .defaultIfEmpty(ResponseEntity.notFound().build());
    }
}
