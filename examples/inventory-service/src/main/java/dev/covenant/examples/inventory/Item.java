package dev.covenant.examples.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/** An item as GET /items/{id} returns it (absent fields are left out, never sent as null). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Item(long id, String name, BigDecimal price, List<String> tags, String sku, int available) {
}
