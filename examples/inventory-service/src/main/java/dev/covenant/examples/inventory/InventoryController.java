package dev.covenant.examples.inventory;

import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The HTTP API described by {@code openapi/inventory.yaml}, which it also serves at {@code /openapi.yaml}. */
@RestController
class InventoryController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final Catalog catalog;

    InventoryController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/items/{id}")
    Mono<ResponseEntity<Item>> item(@PathVariable long id) {
        return Mono.justOrEmpty(catalog.item(id))
                .map(ResponseEntity::ok)
                .defaultIfEmpty(ResponseEntity.notFound().build());
    }

    /** The reservation a consumer asks for. */
    record ReservationRequest(long itemId, int quantity) {
    }

    /** The answer: CONFIRMED, or PENDING when stock has to be ordered. */
    record Reservation(String reservationId, String status) {
    }

    @PostMapping("/reservations")
    Mono<ResponseEntity<Reservation>> reserve(@RequestBody ReservationRequest request) {
        if (catalog.item(request.itemId()).isEmpty()) {
            return Mono.just(ResponseEntity.notFound().build());
        }
        String status = catalog.reserve(request.itemId(), request.quantity()) ? "CONFIRMED" : "PENDING";
        return Mono.just(ResponseEntity.status(HttpStatus.CREATED)
                .body(new Reservation(UUID.randomUUID().toString(), status)));
    }

    @GetMapping("/openapi.yaml")
    ResponseEntity<Resource> openApi() {
        return ResponseEntity.ok().contentType(YAML).body(new ClassPathResource("openapi/inventory.yaml"));
    }

    @GetMapping("/health")
    Map<String, String> health() {
        return Map.of("status", "UP");
    }
}
