package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.Pointers;
import java.util.Map;

/** OpenAPI 3.1 webhooks: the provider calls the client, so their operations are compared like paths. */
final class WebhooksDiff {

    private WebhooksDiff() {
    }

    static void compare(DiffContext context) {
        JsonNode from = context.base().root().path("webhooks");
        JsonNode to = context.revision().root().path("webhooks");
        for (var fields = from.fields(); fields.hasNext(); ) {
            var field = fields.next();
            String name = field.getKey();
            String basePointer = Pointers.of("webhooks", name);
            JsonNode now = to.get(name);
            if (now == null) {
                context.sink().add("webhook-removed", "WEBHOOK " + name, basePointer, null,
                        "webhook " + name + " was removed", Map.of("webhook", name));
                continue;
            }
            RefResolver.Located baseItem = context.base().resolve(field.getValue(), basePointer);
            RefResolver.Located revisionItem = context.revision().resolve(now, basePointer);
            for (String method : PathsDiff.METHODS) {
                JsonNode before = baseItem.node().get(method);
                JsonNode after = revisionItem.node().get(method);
                if (before != null && after != null) {
                    OperationDiff.compare(context, PathsDiff.operationName(method, "webhook " + name),
                            new OperationDiff.Side(name, baseItem, before, baseItem.pointer() + "/" + method),
                            new OperationDiff.Side(name, revisionItem, after, revisionItem.pointer() + "/" + method));
                }
            }
        }
        for (var names = to.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!from.has(name)) {
                context.sink().add("webhook-added", "WEBHOOK " + name, null, Pointers.of("webhooks", name),
                        "webhook " + name + " was added", Map.of("webhook", name));
            }
        }
    }
}
