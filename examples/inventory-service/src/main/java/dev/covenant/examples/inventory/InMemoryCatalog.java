package dev.covenant.examples.inventory;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/** A few items in memory: enough for the example. */
@Component
class InMemoryCatalog implements Catalog {

    private final Map<Long, Item> items = new ConcurrentHashMap<>(Map.of(
            42L, new Item(42, "Widget", new BigDecimal("9.99"), List.of("blue", "small"), "W-42", 10),
            7L, new Item(7, "Gadget", new BigDecimal("24.50"), List.of("red"), "G-7", 3)));

    @Override
    public Optional<Item> item(long id) {
        return Optional.ofNullable(items.get(id));
    }

    @Override
    public boolean reserve(long itemId, int quantity) {
        AtomicBoolean reserved = new AtomicBoolean();
        items.computeIfPresent(itemId, (id, item) -> {
            if (quantity < 1 || item.available() < quantity) {
                return item;
            }
            reserved.set(true);
            return new Item(item.id(), item.name(), item.price(), item.tags(), item.sku(), item.available() - quantity);
        });
        return reserved.get();
    }
}
