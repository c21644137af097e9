package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.Pointers;
import java.util.Map;

/** Component schemas that disappeared (their uses, if any, are reported where they are used). */
final class ComponentsDiff {

    private ComponentsDiff() {
    }

    static void compare(DiffContext context) {
        JsonNode from = context.base().root().path("components").path("schemas");
        JsonNode to = context.revision().root().path("components").path("schemas");
        for (var names = from.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!to.has(name)) {
                context.sink().add("api-schema-removed", null, Pointers.of("components", "schemas", name), null,
                        "component schema " + name + " was removed", Map.of("schema", name));
            }
        }
    }
}
