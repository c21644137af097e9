package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.Pointers;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Properties of an object schema: added, removed, required or not, read-only or write-only, and each
 * shared property compared in depth. Direction matters: a client must send new required request
 * properties, and may rely on every response property it used to get.
 */
final class PropertiesDiff {

    private PropertiesDiff() {
    }

    static void compare(SchemaDiff diff, SchemaChanges c) {
        JsonNode baseProperties = c.base().path("properties");
        JsonNode revisionProperties = c.revision().path("properties");
        Set<String> baseRequired = required(c.base());
        Set<String> revisionRequired = required(c.revision());
        String side = c.scope().request() ? "request" : "response";
        for (var fields = baseProperties.fields(); fields.hasNext(); ) {
            var field = fields.next();
            String name = field.getKey();
            String basePointer = pointer(c.baseLocated(), name);
            JsonNode revisionProperty = revisionProperties.get(name);
            JsonNode baseProperty = diff.baseResolver().resolve(field.getValue(), null).node();
            if (revisionProperty == null) {
                removed(c, side, name, basePointer, baseProperty, baseRequired.contains(name));
                continue;
            }
            String revisionPointer = pointer(c.revisionLocated(), name);
            JsonNode resolvedRevision = diff.revisionResolver().resolve(revisionProperty, null).node();
            requiredChange(c, side, name, basePointer, revisionPointer, baseRequired.contains(name),
                    revisionRequired.contains(name), resolvedRevision);
            accessChange(c, side, name, basePointer, revisionPointer, baseProperty, resolvedRevision,
                    revisionRequired.contains(name));
            c.addAll(diff.compare(c.scope(), true, new RefResolver.Located(field.getValue(), basePointer),
                    new RefResolver.Located(revisionProperty, revisionPointer)), name);
        }
        for (var fields = revisionProperties.fields(); fields.hasNext(); ) {
            var field = fields.next();
            String name = field.getKey();
            if (!baseProperties.has(name)) {
                JsonNode property = diff.revisionResolver().resolve(field.getValue(), null).node();
                added(c, side, name, pointer(c.revisionLocated(), name), property, revisionRequired.contains(name));
            }
        }
        if (c.scope().request()) {
            for (String name : baseRequired) {
                if (!revisionRequired.contains(name) && !revisionProperties.has(name)) {
                    c.emitProperty("request-property-became-optional", name, pointer(c.baseLocated(), name), null,
                            "request property " + name + " is no longer required", Map.of());
                }
            }
        }
    }

    private static void removed(SchemaChanges c, String side, String name, String basePointer, JsonNode property,
                                boolean required) {
        if (side.equals("request")) {
            if (!property.path("readOnly").asBoolean(false)) {
                c.emitProperty("request-property-removed", name, basePointer, null,
                        "request property " + name + " was removed", Map.of());
            }
            return;
        }
        if (property.path("writeOnly").asBoolean(false)) {
            c.emitProperty(required ? "response-required-write-only-property-removed"
                    : "response-optional-write-only-property-removed", name, basePointer, null,
                    "write-only response property " + name + " was removed", Map.of());
            return;
        }
        c.emitProperty(required ? "response-required-property-removed" : "response-optional-property-removed",
                name, basePointer, null, (required ? "required" : "optional") + " response property " + name
                        + " was removed", Map.of());
    }

    private static void added(SchemaChanges c, String side, String name, String revisionPointer, JsonNode property,
                              boolean required) {
        if (side.equals("request")) {
            if (property.path("readOnly").asBoolean(false)) {
                return; // servers ignore read-only properties in requests
            }
            if (!required) {
                c.emitProperty("new-optional-request-property", name, null, revisionPointer,
                        "optional request property " + name + " was added", Map.of());
            } else if (property.has("default")) {
                c.emitProperty("new-required-request-property-with-default", name, null, revisionPointer,
                        "required request property " + name + " with a default was added",
                        Map.of("comment", "required-request-property-with-default-error-comment"));
            } else {
                c.emitProperty("new-required-request-property", name, null, revisionPointer,
                        "required request property " + name + " was added", Map.of());
            }
            return;
        }
        boolean writeOnly = property.path("writeOnly").asBoolean(false);
        String id = "response-" + (required ? "required-" : "optional-") + (writeOnly ? "write-only-" : "")
                + "property-added";
        c.emitProperty(id, name, null, revisionPointer, (required ? "required" : "optional")
                + " response property " + name + " was added", Map.of());
    }

    private static void requiredChange(SchemaChanges c, String side, String name, String basePointer,
                                       String revisionPointer, boolean before, boolean after, JsonNode property) {
        if (before == after) {
            return;
        }
        if (side.equals("request")) {
            String id = after ? (property.has("default") ? "request-property-became-required-with-default"
                    : "request-property-became-required") : "request-property-became-optional";
            c.emitProperty(id, name, basePointer, revisionPointer, "request property " + name
                    + (after ? " became required" : " became optional"), Map.of());
        } else {
            boolean writeOnly = property.path("writeOnly").asBoolean(false);
            String id = "response-" + (writeOnly ? "write-only-" : "") + "property-became-"
                    + (after ? "required" : "optional");
            c.emitProperty(id, name, basePointer, revisionPointer, "response property " + name
                    + (after ? " became required" : " became optional"), Map.of());
        }
    }

    private static void accessChange(SchemaChanges c, String side, String name, String basePointer,
                                     String revisionPointer, JsonNode before, JsonNode after, boolean required) {
        String kind = side + "-" + (required ? "required" : "optional") + "-property-became-";
        for (String flag : new String[] {"readOnly", "writeOnly"}) {
            boolean was = before.path(flag).asBoolean(false);
            boolean is = after.path(flag).asBoolean(false);
            if (was != is) {
                String suffix = (is ? "" : "not-") + (flag.equals("readOnly") ? "read-only" : "write-only");
                c.emitProperty(kind + suffix, name, basePointer, revisionPointer,
                        side + " property " + name + " became " + suffix.replace('-', ' '), Map.of());
            }
        }
        boolean wasDeprecated = before.path("deprecated").asBoolean(false);
        boolean isDeprecated = after.path("deprecated").asBoolean(false);
        if (wasDeprecated != isDeprecated) {
            // the sunset is judged per operation (its stability sets the policy): see DiffContext.compareSchemas
            JsonNode sunset = after.get(Deprecation.SUNSET);
            c.emitProperty(side + "-property-" + (isDeprecated ? "deprecated" : "reactivated"), name, basePointer,
                    revisionPointer, side + " property " + name + (isDeprecated ? " was deprecated"
                            : " is no longer deprecated"), isDeprecated && sunset != null && !sunset.isNull()
                            ? Map.of(Deprecation.SUNSET, sunset.asText()) : Map.of());
        }
        stabilityChange(c, side, name, basePointer, revisionPointer, before, after);
    }

    /** A property's own {@code x-stability-level} lowered or raised, where the base level carried a promise. */
    private static void stabilityChange(SchemaChanges c, String side, String name, String basePointer,
                                        String revisionPointer, JsonNode before, JsonNode after) {
        Stability from = Lifecycle.stabilityOf(before);
        Stability to = Lifecycle.stabilityOf(after);
        if (from == to || !c.options().promised(from)) {
            return;
        }
        boolean decreased = to.compareTo(from) < 0;
        c.emitProperty(side + "-property-stability-" + (decreased ? "decreased" : "increased"), name, basePointer,
                revisionPointer, side + " property " + name + " stability changed from " + from.text() + " to "
                        + to.text(), Map.of("from", from.text(), "to", to.text()));
    }

    private static Set<String> required(JsonNode schema) {
        JsonNode required = schema.get("required");
        if (required == null || !required.isArray() || required.isEmpty()) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        required.forEach(n -> names.add(n.asText()));
        return names;
    }

    private static String pointer(RefResolver.Located owner, String name) {
        return owner.pointer() == null ? null : owner.pointer() + "/properties/" + Pointers.escape(name);
    }
}
