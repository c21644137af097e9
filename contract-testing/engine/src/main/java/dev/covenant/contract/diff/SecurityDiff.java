package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.Pointers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Security requirements (global and per operation) and security scheme components. A requirement is
 * identified by the set of schemes it combines; its scopes are compared scheme by scheme.
 */
final class SecurityDiff {

    private SecurityDiff() {
    }

    static void compareDocument(DiffContext context) {
        requirements(context, null, "api-global-security", context.base().root().path("security"), "/security",
                context.revision().root().path("security"), "/security");
        schemes(context);
    }

    static void compareOperation(DiffContext context, String operation, OperationDiff.Side base,
                                 OperationDiff.Side revision) {
        requirements(context, operation, "api-security", base.operation().path("security"), base.pointer() + "/security",
                revision.operation().path("security"), revision.pointer() + "/security");
    }

    private static void requirements(DiffContext context, String operation, String prefix, JsonNode from,
                                     String fromPointer, JsonNode to, String toPointer) {
        if (from.equals(to)) {
            return;
        }
        Map<String, JsonNode> before = byKey(from);
        Map<String, JsonNode> after = byKey(to);
        for (var entry : before.entrySet()) {
            JsonNode now = after.get(entry.getKey());
            if (now == null) {
                context.sink().add(prefix + "-removed", operation, fromPointer, null,
                        "security requirement " + entry.getKey() + " was removed", Map.of("schemes", entry.getKey()));
                continue;
            }
            for (var schemes = entry.getValue().fields(); schemes.hasNext(); ) {
                var scheme = schemes.next();
                JsonNode scopesNow = now.path(scheme.getKey());
                for (JsonNode scope : scheme.getValue()) {
                    if (!contains(scopesNow, scope.asText())) {
                        context.sink().add(prefix + "-scope-removed", operation, fromPointer, toPointer,
                                "scope " + scope.asText() + " of " + scheme.getKey() + " was removed",
                                Map.of("scheme", scheme.getKey(), "scope", scope.asText()));
                    }
                }
                for (JsonNode scope : scopesNow) {
                    if (!contains(scheme.getValue(), scope.asText())) {
                        context.sink().add(prefix + "-scope-added", operation, fromPointer, toPointer,
                                "scope " + scope.asText() + " of " + scheme.getKey() + " was added",
                                Map.of("scheme", scheme.getKey(), "scope", scope.asText()));
                    }
                }
            }
        }
        for (String key : after.keySet()) {
            if (!before.containsKey(key)) {
                context.sink().add(prefix + "-added", operation, null, toPointer,
                        "security requirement " + key + " was added", Map.of("schemes", key));
            }
        }
    }

    private static Map<String, JsonNode> byKey(JsonNode requirements) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode requirement : requirements) {
            TreeSet<String> names = new TreeSet<>();
            requirement.fieldNames().forEachRemaining(names::add);
            byKey.put(String.join(" AND ", names), requirement);
        }
        return byKey;
    }

    private static void schemes(DiffContext context) {
        JsonNode from = context.base().root().path("components").path("securitySchemes");
        JsonNode to = context.revision().root().path("components").path("securitySchemes");
        for (var fields = from.fields(); fields.hasNext(); ) {
            var field = fields.next();
            String name = field.getKey();
            String pointer = Pointers.of("components", "securitySchemes", name);
            JsonNode now = to.get(name);
            if (now == null) {
                context.sink().add("api-security-component-removed", null, pointer, null,
                        "security scheme " + name + " was removed", Map.of("scheme", name));
                continue;
            }
            JsonNode before = context.base().resolve(field.getValue(), pointer).node();
            JsonNode after = context.revision().resolve(now, pointer).node();
            if (!before.path("type").equals(after.path("type"))) {
                context.sink().add("api-security-component-type-changed", null, pointer, pointer,
                        "security scheme " + name + " changed type", Map.of("scheme", name));
            }
            flows(context, name, pointer, before.path("flows"), after.path("flows"));
        }
        for (var names = to.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!from.has(name)) {
                context.sink().add("api-security-component-added", null, null,
                        Pointers.of("components", "securitySchemes", name), "security scheme " + name + " was added",
                        Map.of("scheme", name));
            }
        }
    }

    private static void flows(DiffContext context, String scheme, String pointer, JsonNode from, JsonNode to) {
        for (var fields = from.fields(); fields.hasNext(); ) {
            var field = fields.next();
            JsonNode now = to.get(field.getKey());
            if (now == null) {
                continue;
            }
            String flow = pointer + "/flows/" + field.getKey();
            JsonNode before = field.getValue();
            if (!before.path("tokenUrl").equals(now.path("tokenUrl"))) {
                context.sink().add("api-security-component-oauth-token-url-changed", null, flow, flow,
                        "token URL of " + scheme + " changed", Map.of("scheme", scheme));
            }
            if (!before.path("authorizationUrl").equals(now.path("authorizationUrl"))) {
                context.sink().add("api-security-component-oauth-url-changed", null, flow, flow,
                        "authorization URL of " + scheme + " changed", Map.of("scheme", scheme));
            }
            JsonNode scopesBefore = before.path("scopes");
            JsonNode scopesAfter = now.path("scopes");
            for (var scopes = scopesBefore.fields(); scopes.hasNext(); ) {
                var scope = scopes.next();
                JsonNode description = scopesAfter.get(scope.getKey());
                if (description == null) {
                    context.sink().add("api-security-component-oauth-scope-removed", null, flow, flow,
                            "scope " + scope.getKey() + " of " + scheme + " was removed",
                            Map.of("scheme", scheme, "scope", scope.getKey()));
                } else if (!description.equals(scope.getValue())) {
                    context.sink().add("api-security-component-oauth-scope-changed", null, flow, flow,
                            "description of scope " + scope.getKey() + " of " + scheme + " changed",
                            Map.of("scheme", scheme, "scope", scope.getKey()));
                }
            }
            for (var scopes = scopesAfter.fieldNames(); scopes.hasNext(); ) {
                String scope = scopes.next();
                if (!scopesBefore.has(scope)) {
                    context.sink().add("api-security-component-oauth-scope-added", null, flow, flow,
                            "scope " + scope + " of " + scheme + " was added", Map.of("scheme", scheme, "scope", scope));
                }
            }
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
