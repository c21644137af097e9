package dev.covenant.examples.inventory;

import java.util.Optional;

/** Where items and stock come from. */
public interface Catalog {

    Optional<Item> item(long id);

    /** Takes {@code quantity} units of an item; false when there are not enough. */
    boolean reserve(long itemId, int quantity);
}
