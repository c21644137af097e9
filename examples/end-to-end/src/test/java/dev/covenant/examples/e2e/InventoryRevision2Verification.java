package dev.covenant.examples.e2e;

import dev.covenant.examples.inventory.Catalog;
import dev.covenant.examples.inventory.InventoryPactVerificationTest;
import dev.covenant.examples.inventory.Item;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * inventory-service's next revision, as its CI would verify it: the same verification, but the service no longer
 * sends an item's name (the deliberate breaking change of the end-to-end test). Not a surefire test; launched by
 * {@link ContractLoopEndToEndTest}.
 */
@Import(InventoryRevision2Verification.Revision2.class)
public class InventoryRevision2Verification extends InventoryPactVerificationTest {

    /** The revision's catalog: items without names. */
    @TestConfiguration
    static class Revision2 {

        @Bean
        @Primary
        Catalog namelessCatalog() {
            return new Catalog() {
                @Override
                public Optional<Item> item(long id) {
                    return id == 42 ? Optional.of(new Item(42, null, new BigDecimal("9.99"), List.of("blue"), "W-42", 10))
                            : Optional.empty();
                }

                @Override
                public boolean reserve(long itemId, int quantity) {
                    return itemId == 42;
                }
            };
        }
    }
}
