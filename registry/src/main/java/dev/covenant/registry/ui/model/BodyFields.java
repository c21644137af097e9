package dev.covenant.registry.ui.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The field paths of a JSON body ({@code id}, {@code items[].customerId}), as a person reads them. */
public final class BodyFields {

    /** Enough for any realistic body; a huge generated one is cut rather than listed in full. */
    static final int MAX_FIELDS = 500;
    private static final int MAX_DEPTH = 32;

    private BodyFields() {
    }

    public static List<String> of(JsonNode body) {
        Set<String> fields = new LinkedHashSet<>();
        if (body != null) {
            walk(body, "", fields, 0);
        }
        return new ArrayList<>(fields);
    }

    /** The last segment of a field path: {@code items[].customerId} → {@code customerId}. */
    public static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        String last = dot < 0 ? path : path.substring(dot + 1);
        return last.endsWith("[]") ? last.substring(0, last.length() - 2) : last;
    }

    private static void walk(JsonNode node, String prefix, Set<String> fields, int depth) {
        if (depth > MAX_DEPTH || fields.size() >= MAX_FIELDS) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext() && fields.size() < MAX_FIELDS) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
                fields.add(path);
                walk(entry.getValue(), path, fields, depth + 1);
            }
        } else if (node.isArray()) {
            String items = prefix.isEmpty() ? "[]" : prefix + "[]";
            for (JsonNode item : node) {
                walk(item, items, fields, depth + 1);
            }
        }
    }
}
