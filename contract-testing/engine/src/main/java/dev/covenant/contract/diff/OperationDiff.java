package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;

/** One operation present in both documents: lifecycle, parameters, request body, responses, security. */
final class OperationDiff {

    /** An operation with the path and path item it belongs to. */
    record Side(String path, RefResolver.Located pathItem, JsonNode operation, String pointer) {
    }

    private OperationDiff() {
    }

    static void compare(DiffContext context, String name, Side base, Side revision) {
        if (context.same(base.operation(), revision.operation())
                && context.same(base.pathItem().node().get("parameters"), revision.pathItem().node().get("parameters"))
                && base.path().equals(revision.path())) {
            return;
        }
        context.enterOperation(revision.operation());
        Lifecycle.compare(context, name, base, revision);
        if (!context.options().promised(Lifecycle.stabilityOf(base.operation()))) {
            return; // below the minimum stability level: free to change, only its lifecycle is reported
        }
        ParametersDiff.compare(context, name, base, revision);
        RequestBodyDiff.compare(context, name, base, revision);
        ResponsesDiff.compare(context, name, base, revision);
        SecurityDiff.compareOperation(context, name, base, revision);
    }
}
