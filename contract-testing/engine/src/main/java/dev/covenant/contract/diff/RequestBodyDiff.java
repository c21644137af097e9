package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;

/** The request body: presence, required flag, media types and their schemas. */
final class RequestBodyDiff {

    private RequestBodyDiff() {
    }

    static void compare(DiffContext context, String operation, OperationDiff.Side base, OperationDiff.Side revision) {
        JsonNode fromRaw = base.operation().get("requestBody");
        JsonNode toRaw = revision.operation().get("requestBody");
        if (fromRaw == null && toRaw == null) {
            return;
        }
        RefResolver.Located from = fromRaw == null ? null : context.base().resolve(fromRaw, base.pointer() + "/requestBody");
        RefResolver.Located to = toRaw == null ? null
                : context.revision().resolve(toRaw, revision.pointer() + "/requestBody");
        if (from == null) {
            boolean required = to.node().path("required").asBoolean(false);
            context.sink().addAt(required ? "request-body-added-required" : "request-body-added-optional", operation,
                    "request body",
                    null, to.pointer(), (required ? "required" : "optional") + " request body was added");
            return;
        }
        if (to == null) {
            context.sink().addAt("request-body-removed", operation, "request body", from.pointer(), null,
                    "request body was removed");
            return;
        }
        boolean wasRequired = from.node().path("required").asBoolean(false);
        boolean isRequired = to.node().path("required").asBoolean(false);
        if (wasRequired != isRequired) {
            context.sink().addAt(isRequired ? "request-body-became-required" : "request-body-became-optional", operation,
                    "request body",
                    from.pointer(), to.pointer(), "request body became " + (isRequired ? "required" : "optional"));
        }
        MediaTypes.compare(context, operation, MediaTypes.REQUEST, "request body", from.node().path("content"),
                from.pointer() + "/content", to.node().path("content"), to.pointer() + "/content");
    }
}
