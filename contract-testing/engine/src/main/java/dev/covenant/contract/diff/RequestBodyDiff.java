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
            context.sink().add(required ? "request-body-added-required" : "request-body-added-optional", operation,
                    null, to.pointer(), (required ? "required" : "optional") + " request body was added");
            return;
        }
        if (to == null) {
            context.sink().add("request-body-removed", operation, from.pointer(), null, "request body was removed");
            return;
        }
        boolean wasRequired = from.node().path("required").asBoolean(false);
        boolean isRequired = to.node().path("required").asBoolean(false);
        if (wasRequired != isRequired) {
            context.sink().add(isRequired ? "request-body-became-required" : "request-body-became-optional", operation,
                    from.pointer(), to.pointer(), "request body became " + (isRequired ? "required" : "optional"));
        }
        MediaTypes.compare(context, operation, MediaTypes.REQUEST, "request body", from.node().path("content"),
                from.pointer() + "/content", to.node().path("content"), to.pointer() + "/content");
    }
}
