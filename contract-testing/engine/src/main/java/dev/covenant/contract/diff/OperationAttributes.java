package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * oasdiff's {@code --attributes}: the values of chosen operation extensions ({@code x-team}, {@code x-owner})
 * copied into the details of every finding of that operation, under {@code attributes}, so that a report can be
 * routed or filtered by them. Read from the base operation, or from the revision for an added one.
 */
final class OperationAttributes {

    private OperationAttributes() {
    }

    static List<Finding> attach(List<Finding> findings, RefResolver base, RefResolver revision, DiffOptions options) {
        if (options.attributes().isEmpty() || findings.isEmpty()) {
            return findings;
        }
        Map<String, Map<String, Object>> byOperation = new HashMap<>();
        List<Finding> result = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            Map<String, Object> attributes = finding.operation() == null ? Map.of()
                    : byOperation.computeIfAbsent(finding.operation(), name -> read(name, base, revision, options));
            if (attributes.isEmpty()) {
                result.add(finding);
                continue;
            }
            Map<String, Object> details = new HashMap<>(finding.details());
            details.put("attributes", attributes);
            result.add(new Finding(finding.ruleId(), finding.level(), finding.operation(), finding.basePointer(),
                    finding.revisionPointer(), finding.message(), details, finding.location()));
        }
        return result;
    }

    private static Map<String, Object> read(String name, RefResolver base, RefResolver revision, DiffOptions options) {
        int space = name.indexOf(' ');
        if (space < 0) {
            return Map.of();
        }
        String method = name.substring(0, space).toLowerCase(Locale.ROOT);
        String path = name.substring(space + 1);
        JsonNode operation = operation(base, method, path);
        if (operation == null) {
            operation = operation(revision, method, path);
        }
        if (operation == null) {
            return Map.of();
        }
        Map<String, Object> attributes = new TreeMap<>();
        for (String extension : options.attributes()) {
            JsonNode value = operation.get(extension);
            if (value != null && !value.isNull()) {
                attributes.put(extension, value.isValueNode() ? value.asText() : value.toString());
            }
        }
        return attributes;
    }

    private static JsonNode operation(RefResolver resolver, String method, String path) {
        JsonNode container = method.equals("webhook") ? resolver.root().path("webhooks")
                : resolver.root().path("paths");
        JsonNode item = container.get(path);
        if (item == null) {
            return null;
        }
        JsonNode resolved = resolver.resolve(item, null).node();
        if (method.equals("webhook")) {
            for (String candidate : PathsDiff.METHODS) {
                if (resolved.has(candidate)) {
                    return resolved.get(candidate);
                }
            }
            return null;
        }
        JsonNode operation = resolved.get(method);
        return operation != null && operation.isObject() ? operation : null;
    }
}
