package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.Pointers;
import java.util.Locale;
import java.util.Map;

/** Responses by status code: presence, media types and schemas, and response headers. */
final class ResponsesDiff {

    private ResponsesDiff() {
    }

    static void compare(DiffContext context, String operation, OperationDiff.Side base, OperationDiff.Side revision) {
        JsonNode from = base.operation().path("responses");
        JsonNode to = revision.operation().path("responses");
        for (var fields = from.fields(); fields.hasNext(); ) {
            var field = fields.next();
            String status = field.getKey();
            String basePointer = base.pointer() + "/responses/" + Pointers.escape(status);
            JsonNode now = to.get(status);
            if (now == null) {
                context.sink().addAt(success(status) ? "response-success-status-removed"
                                : "response-non-success-status-removed", operation, "response " + status, basePointer, null,
                        "response status " + status + " was removed", Map.of("status", status));
                continue;
            }
            String revisionPointer = revision.pointer() + "/responses/" + Pointers.escape(status);
            compareResponse(context, operation, status, context.base().resolve(field.getValue(), basePointer),
                    context.revision().resolve(now, revisionPointer));
        }
        for (var statuses = to.fieldNames(); statuses.hasNext(); ) {
            String status = statuses.next();
            if (!from.has(status)) {
                context.sink().addAt(success(status) ? "response-success-status-added" : "response-non-success-status-added",
                        operation, "response " + status, null, revision.pointer() + "/responses/" + Pointers.escape(status),
                        "response status " + status + " was added", Map.of("status", status));
            }
        }
    }

    private static void compareResponse(DiffContext context, String operation, String status, RefResolver.Located from,
                                        RefResolver.Located to) {
        if (from.isMissing() || to.isMissing()) {
            return;
        }
        String where = "response " + status;
        MediaTypes.compare(context, operation, MediaTypes.RESPONSE, where, from.node().path("content"),
                from.pointer() + "/content", to.node().path("content"), to.pointer() + "/content");
        headers(context, operation, where, from, to);
    }

    private static void headers(DiffContext context, String operation, String where, RefResolver.Located from,
                                RefResolver.Located to) {
        JsonNode before = from.node().path("headers");
        JsonNode after = to.node().path("headers");
        for (var fields = before.fields(); fields.hasNext(); ) {
            var field = fields.next();
            String name = field.getKey();
            String basePointer = from.pointer() + "/headers/" + Pointers.escape(name);
            JsonNode header = context.base().resolve(field.getValue(), basePointer).node();
            JsonNode nowRaw = find(after, name);
            if (nowRaw == null) {
                boolean required = header.path("required").asBoolean(false);
                context.sink().addAt(required ? "required-response-header-removed" : "optional-response-header-removed",
                        operation, headerLocation(where, name), basePointer, null,
                        where + ": header " + name + " was removed", Map.of("header", name));
                continue;
            }
            String revisionPointer = to.pointer() + "/headers/" + Pointers.escape(name);
            RefResolver.Located now = context.revision().resolve(nowRaw, revisionPointer);
            if (header.path("required").asBoolean(false) && !now.node().path("required").asBoolean(false)) {
                context.sink().addAt("response-header-became-optional", operation, headerLocation(where, name),
                        basePointer, now.pointer(),
                        where + ": header " + name + " became optional", Map.of("header", name));
            }
            context.compareSchemas(operation, where + " header " + name, headerLocation(where, name),
                    SchemaScope.RESPONSE_HEADER,
                    new RefResolver.Located(header.path("schema"), basePointer + "/schema"),
                    new RefResolver.Located(now.node().path("schema"), now.pointer() + "/schema"));
        }
        for (var names = after.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (find(before, name) == null) {
                context.sink().addAt("response-header-added", operation, headerLocation(where, name), null,
                        to.pointer() + "/headers/" + Pointers.escape(name), where + ": header " + name + " was added",
                        Map.of("header", name));
            }
        }
    }

    private static String headerLocation(String where, String name) {
        return where + " header " + name.toLowerCase(Locale.ROOT);
    }

    /** Header names are case-insensitive. */
    private static JsonNode find(JsonNode headers, String name) {
        JsonNode exact = headers.get(name);
        if (exact != null) {
            return exact;
        }
        for (var fields = headers.fields(); fields.hasNext(); ) {
            var field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    private static boolean success(String status) {
        return status.toUpperCase(Locale.ROOT).startsWith("2");
    }
}
