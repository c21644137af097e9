package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Tells whether two subtrees are the same, references included: equal JSON whose {@code $ref}s name
 * components that are themselves the same in both documents. Most of a new version of a large description
 * is unchanged, and this walk (no allocation, each reference judged once) lets the diff skip it.
 */
final class Sameness {

    private final RefResolver base;
    private final RefResolver revision;
    // true/false once judged; absent while unknown. A reference being judged counts as different, which
    // only costs a full comparison of recursive components, never a missed change.
    private final Map<String, Boolean> references = new HashMap<>();
    private final Map<String, Boolean> inProgress = new HashMap<>();

    Sameness(RefResolver base, RefResolver revision) {
        this.base = base;
        this.revision = revision;
    }

    boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = a.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = b.get(field.getKey());
                if (other == null) {
                    return false;
                }
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    if (!field.getValue().equals(other) || !sameReference(a, b, field.getValue().asText())) {
                        return false;
                    }
                } else if (!same(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * Whether both nodes are the same {@code $ref} to a component that is unchanged. Judged once per
     * reference, so callers may ask at every level of a comparison.
     */
    boolean sameReference(JsonNode a, JsonNode b) {
        JsonNode ref = a == null ? null : a.get("$ref");
        if (ref == null || !ref.isTextual() || b == null || !ref.equals(b.get("$ref"))) {
            return false;
        }
        return sameReference(a, b, ref.asText());
    }

    private boolean sameReference(JsonNode a, JsonNode b, String ref) {
        Boolean known = references.get(ref);
        if (known != null) {
            return known;
        }
        if (inProgress.containsKey(ref)) {
            return false;
        }
        inProgress.put(ref, Boolean.TRUE);
        JsonNode from = base.resolve(a, null).node();
        JsonNode to = revision.resolve(b, null).node();
        boolean same = !from.isMissingNode() && !to.isMissingNode() && same(from, to);
        inProgress.remove(ref);
        references.put(ref, same);
        return same;
    }
}
