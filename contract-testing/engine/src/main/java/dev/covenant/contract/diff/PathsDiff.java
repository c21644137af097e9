package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.Pointers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Paths and their operations: removed, added, or compared. Path templates are matched by shape, so
 * {@code /a/{id}} and {@code /a/{x}} are the same path when renamed parameters are matched.
 */
final class PathsDiff {

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{[^}/]*}");

    private PathsDiff() {
    }

    static void compare(DiffContext context) {
        JsonNode basePathItems = context.base().root().path("paths");
        JsonNode revisionPathItems = context.revision().root().path("paths");
        Map<String, String> basePaths = byShape(context, basePathItems, revisionPathItems);
        Map<String, String> revisionPaths = byShape(context, revisionPathItems, basePathItems);
        for (var entry : basePaths.entrySet()) {
            String path = entry.getValue();
            String pointer = Pointers.of("paths", path);
            RefResolver.Located baseItem = context.base().resolve(basePathItems.get(path), pointer);
            String revisionPath = revisionPaths.get(entry.getKey());
            if (revisionPath == null) {
                for (String method : METHODS) {
                    JsonNode operation = baseItem.node().get(method);
                    if (operation != null) {
                        Lifecycle.removed(context, true, method, path, operation, pointer + "/" + method);
                    }
                }
                continue;
            }
            String revisionPointer = Pointers.of("paths", revisionPath);
            RefResolver.Located revisionItem = context.revision().resolve(revisionPathItems.get(revisionPath),
                    revisionPointer);
            comparePathItem(context, path, baseItem, revisionPath, revisionItem);
        }
        for (var entry : revisionPaths.entrySet()) {
            if (!basePaths.containsKey(entry.getKey())) {
                String path = entry.getValue();
                JsonNode item = context.revision().resolve(revisionPathItems.get(path), null).node();
                for (String method : METHODS) {
                    if (item.has(method)) {
                        context.sink().add("endpoint-added", operationName(method, path), null,
                                Pointers.of("paths", path, method), "endpoint " + operationName(method, path)
                                        + " was added");
                    }
                }
            }
        }
    }

    private static void comparePathItem(DiffContext context, String basePath, RefResolver.Located baseItem,
                                        String revisionPath, RefResolver.Located revisionItem) {
        if (basePath.equals(revisionPath) && context.same(baseItem.node(), revisionItem.node())) {
            return;
        }
        ParametersDiff.comparePathLevel(context, revisionPath, baseItem, revisionItem);
        for (String method : METHODS) {
            JsonNode from = baseItem.node().get(method);
            JsonNode to = revisionItem.node().get(method);
            // a path whose parameters were renamed is named as the base names it, as oasdiff does
            String name = operationName(method, basePath);
            if (from != null && to == null) {
                Lifecycle.removed(context, false, method, basePath, from, baseItem.pointer() + "/" + method);
            } else if (from == null && to != null) {
                context.sink().add("endpoint-added", name, null, revisionItem.pointer() + "/" + method,
                        "endpoint " + name + " was added");
            } else if (from != null) {
                OperationDiff.compare(context, name,
                        new OperationDiff.Side(basePath, baseItem, from, baseItem.pointer() + "/" + method),
                        new OperationDiff.Side(revisionPath, revisionItem, to, revisionItem.pointer() + "/" + method));
            }
        }
    }

    static String operationName(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path;
    }

    /** A path with its parameters unnamed: {@code /a/{}} for {@code /a/{id}}. */
    static String shapeOf(String path) {
        return path.indexOf('{') >= 0 ? TEMPLATE_PARAMETER.matcher(path).replaceAll("{}") : path;
    }

    /**
     * Paths keyed so that each matches its counterpart in the other document: by itself when the other document
     * has the same path, else by its shape ({@code /a/{}}; without renamed-parameter matching, by itself). Paths of
     * one shape (GitHub has {@code /orgs/{org}/attestations/{subject_digest}} and {@code .../{attestation_id}})
     * each keep a key of their own, so none is dropped and the pairing does not depend on key order when their
     * names are unchanged.
     */
    private static Map<String, String> byShape(DiffContext context, JsonNode paths, JsonNode otherPaths) {
        Map<String, String> keyed = new LinkedHashMap<>();
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (var names = paths.fieldNames(); names.hasNext(); ) {
            String path = names.next();
            if (otherPaths.has(path)) {
                keyed.put("=" + path, path);
                continue;
            }
            String shape = shape(context, path);
            int index = seen.merge(shape, 1, Integer::sum);
            keyed.put("~" + shape + (index == 1 ? "" : "#" + index), path);
        }
        return keyed;
    }

    private static String shape(DiffContext context, String path) {
        return context.options().matchRenamedPathParameters() && path.indexOf('{') >= 0
                ? TEMPLATE_PARAMETER.matcher(path).replaceAll("{}") : path;
    }
}
