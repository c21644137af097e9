package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.Pointers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Path, query, header and cookie parameters. Parameters are keyed by location and name (header names
 * case-insensitively); path parameters by their position in the template when renamed parameters are
 * matched, so renaming {@code {id}} to {@code {petId}} is no change.
 */
final class ParametersDiff {

    /** A parameter after following its reference, with where it lives. */
    record Parameter(String key, JsonNode node, String pointer) {
        String in() {
            return node.path("in").asText();
        }

        String name() {
            return node.path("name").asText();
        }

        /** The logical place of this parameter: {@code parameter query:limit}, {@code parameter path#0}. */
        String location() {
            return "parameter " + key;
        }

        boolean required() {
            return node.path("required").asBoolean(false) || in().equals("path");
        }
    }

    private ParametersDiff() {
    }

    static void compare(DiffContext context, String operation, OperationDiff.Side base, OperationDiff.Side revision) {
        Map<String, Parameter> from = effective(context, context.base(), base);
        Map<String, Parameter> to = effective(context, context.revision(), revision);
        int days = context.options().deprecationDays(Lifecycle.stabilityOf(revision.operation()));
        for (Parameter parameter : from.values()) {
            Parameter now = to.get(parameter.key());
            if (now == null) {
                context.sink().addAt(removal(context, parameter), operation, parameter.location(),
                        parameter.pointer(), null, parameter.in() + " request parameter " + parameter.name()
                                + " was removed", details(parameter));
            } else {
                compareParameter(context, operation, parameter, now, days);
            }
        }
        for (Parameter parameter : to.values()) {
            if (!from.containsKey(parameter.key())) {
                String id = parameter.in().equals("path") ? "new-request-path-parameter"
                        : parameter.required() ? "new-required-request-parameter" : "new-optional-request-parameter";
                context.sink().addAt(id, operation, parameter.location(), null, parameter.pointer(),
                        "new " + (parameter.required()
                        ? "required " : "optional ") + parameter.in() + " request parameter " + parameter.name(),
                        details(parameter));
            }
        }
    }

    /**
     * Parameters added at path level reach every operation of an existing path: one finding per operation the
     * path already had (as oasdiff reports them), none for a path item without operations.
     */
    static void comparePathLevel(DiffContext context, String path, RefResolver.Located base,
                                 RefResolver.Located revision) {
        Map<String, Parameter> from = collect(context.base(), path, base.node().path("parameters"),
                base.pointer() + "/parameters", new LinkedHashMap<>(), context);
        Map<String, Parameter> to = collect(context.revision(), path, revision.node().path("parameters"),
                revision.pointer() + "/parameters", new LinkedHashMap<>(), context);
        List<String> operations = PathsDiff.METHODS.stream()
                .filter(method -> base.node().has(method) && revision.node().has(method))
                .map(method -> PathsDiff.operationName(method, path)).toList();
        for (Parameter parameter : to.values()) {
            if (!from.containsKey(parameter.key()) && !parameter.in().equals("path")) {
                String id = parameter.required() ? "new-required-request-default-parameter-to-existing-path"
                        : "new-optional-request-default-parameter-to-existing-path";
                for (String operation : operations) {
                    context.sink().addAt(id, operation, parameter.location(), null, parameter.pointer(),
                            "new " + (parameter.required() ? "required " : "optional ") + parameter.in()
                                    + " parameter " + parameter.name() + " for every operation of " + path,
                            details(parameter));
                }
            }
        }
    }

    /** Removing a parameter is fine once it was deprecated and its sunset (if it has one) has passed. */
    private static String removal(DiffContext context, Parameter parameter) {
        if (!parameter.node().path("deprecated").asBoolean(false)) {
            return "request-parameter-removed";
        }
        LocalDate sunset = Deprecation.sunsetOf(parameter.node());
        return sunset != null && sunset.isAfter(LocalDate.now(context.options().clock()))
                ? "request-parameter-removed-before-sunset" : "request-parameter-removed-with-deprecation";
    }

    private static void compareParameter(DiffContext context, String operation, Parameter from, Parameter to,
                                         int days) {
        String where = from.in() + " parameter " + to.name();
        if (from.required() != to.required()) {
            context.sink().addAt(to.required() ? "request-parameter-became-required" : "request-parameter-became-optional",
                    operation, to.location(), from.pointer(), to.pointer(), where + (to.required() ? " became required"
                            : " became optional"), details(to));
        }
        boolean wasDeprecated = from.node().path("deprecated").asBoolean(false);
        boolean isDeprecated = to.node().path("deprecated").asBoolean(false);
        if (wasDeprecated && !isDeprecated) {
            context.sink().addAt("request-parameter-reactivated", operation, to.location(), from.pointer(),
                    to.pointer(), where + " is no longer deprecated", details(to));
        } else if (isDeprecated && !wasDeprecated) {
            Deprecation deprecation = Deprecation.judge(to.node(), days, context.options());
            String id = switch (deprecation.verdict()) {
                case DEPRECATED, WITH_SUNSET -> "request-parameter-deprecated";
                case SUNSET_MISSING -> "request-parameter-deprecated-sunset-missing";
                case SUNSET_INVALID -> "request-parameter-sunset-parse";
                case SUNSET_TOO_SOON -> "request-parameter-sunset-date-too-small";
            };
            Map<String, Object> details = new HashMap<>(details(to));
            details.putAll(deprecation.details());
            context.sink().addAt(id, operation, to.location(), from.pointer(), to.pointer(),
                    where + " " + deprecation.describe(), details);
        } else if (isDeprecated) {
            String change = Deprecation.sunsetChange(from.node(), to.node(), days, context.options());
            if (change != null) {
                context.sink().addAt(change.equals("deleted") ? "request-parameter-sunset-deleted"
                                : "request-parameter-sunset-date-changed-too-small", operation, to.location(),
                        from.pointer(), to.pointer(), where + (change.equals("deleted")
                                ? ": the sunset date of the deprecated parameter was removed"
                                : ": the sunset date moved earlier, to " + Deprecation.sunsetOf(to.node())
                                        + ", sooner than the required " + days + " days"), details(to));
            }
        }
        SchemaScope scope = to.in().equals("header") ? SchemaScope.REQUEST_HEADER : SchemaScope.REQUEST_PARAMETER;
        if (from.node().has("schema") || to.node().has("schema")) {
            context.compareSchemas(operation, where, to.location(), scope,
                    new RefResolver.Located(from.node().path("schema"), from.pointer() + "/schema"),
                    new RefResolver.Located(to.node().path("schema"), to.pointer() + "/schema"));
            return;
        }
        JsonNode fromContent = from.node().path("content");
        JsonNode toContent = to.node().path("content");
        for (var fields = fromContent.fields(); fields.hasNext(); ) {
            var field = fields.next();
            JsonNode now = toContent.get(field.getKey());
            if (now != null) {
                String suffix = "/content/" + Pointers.escape(field.getKey()) + "/schema";
                context.compareSchemas(operation, where, to.location() + " " + field.getKey(), scope,
                        new RefResolver.Located(field.getValue().path("schema"), from.pointer() + suffix),
                        new RefResolver.Located(now.path("schema"), to.pointer() + suffix));
            }
        }
    }

    /** Path-level parameters overridden by operation-level ones, as the specification says. */
    private static Map<String, Parameter> effective(DiffContext context, RefResolver resolver, OperationDiff.Side side) {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        if (context.options().flattenCommonParameters()) {
            collect(resolver, side.path(), side.pathItem().node().path("parameters"),
                    side.pathItem().pointer() + "/parameters", parameters, context);
        }
        collect(resolver, side.path(), side.operation().path("parameters"), side.pointer() + "/parameters",
                parameters, context);
        return parameters;
    }

    private static Map<String, Parameter> collect(RefResolver resolver, String path, JsonNode list, String pointer,
                                                  Map<String, Parameter> into, DiffContext context) {
        List<String> template = templateNames(path);
        for (int i = 0; i < list.size(); i++) {
            RefResolver.Located located = resolver.resolve(list.get(i), pointer + "/" + i);
            JsonNode node = located.node();
            if (located.isMissing() || !node.isObject()) {
                continue;
            }
            String in = node.path("in").asText();
            String name = node.path("name").asText();
            String key;
            if (in.equals("path") && context.options().matchRenamedPathParameters() && template.contains(name)) {
                key = "path#" + template.indexOf(name);
            } else if (in.equals("header")) {
                key = "header:" + name.toLowerCase(Locale.ROOT);
            } else {
                key = in + ":" + name;
            }
            into.put(key, new Parameter(key, node, located.pointer()));
        }
        return into;
    }

    private static List<String> templateNames(String path) {
        List<String> names = new ArrayList<>();
        int open = path.indexOf('{');
        while (open >= 0) {
            int close = path.indexOf('}', open);
            if (close < 0) {
                break;
            }
            names.add(path.substring(open + 1, close));
            open = path.indexOf('{', close);
        }
        return names;
    }

    private static Map<String, Object> details(Parameter parameter) {
        return Map.of("in", parameter.in(), "name", parameter.name());
    }
}
