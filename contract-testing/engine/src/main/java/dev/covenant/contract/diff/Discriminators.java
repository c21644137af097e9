package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Discriminator changes: which property tells the variants apart, and which value maps to which schema. */
final class Discriminators {

    private Discriminators() {
    }

    static void compare(SchemaChanges c, JsonNode from, JsonNode to) {
        if (from == null && to == null) {
            return;
        }
        if (from == null) {
            c.emit("discriminator-added", "discriminator", "discriminator was added");
            return;
        }
        if (to == null) {
            c.emit("discriminator-removed", "discriminator", "discriminator was removed");
            return;
        }
        String fromName = from.path("propertyName").asText("");
        String toName = to.path("propertyName").asText("");
        if (!fromName.equals(toName)) {
            c.emit("discriminator-property-name-changed", "discriminator",
                    "discriminator property changed from " + fromName + " to " + toName,
                    Map.of("from", fromName, "to", toName));
        }
        JsonNode before = from.path("mapping");
        JsonNode after = to.path("mapping");
        for (var fields = before.fields(); fields.hasNext(); ) {
            var field = fields.next();
            JsonNode now = after.get(field.getKey());
            if (now == null) {
                c.emit("discriminator-mapping-deleted", "discriminator", "discriminator mapping "
                        + field.getKey() + " was deleted", Map.of("value", field.getKey()));
            } else if (!now.equals(field.getValue())) {
                c.emit("discriminator-mapping-changed", "discriminator", "discriminator mapping "
                        + field.getKey() + " changed from " + field.getValue().asText() + " to " + now.asText(),
                        Map.of("value", field.getKey()));
            }
        }
        for (var names = after.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!before.has(name)) {
                c.emit("discriminator-mapping-added", "discriminator", "discriminator mapping " + name
                        + " was added", Map.of("value", name));
            }
        }
    }
}
