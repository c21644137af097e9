package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

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
    // pairs of references with different names ("base\0revision"), judged by content: true or false once known
    private final Map<String, Boolean> renamed = new HashMap<>();

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

    /**
     * Whether two references name components with the same content, whatever the names: every {@code $ref}
     * inside is followed too, so a component renamed together with everything it references is the same. Judged
     * as a bisimulation (a pair of references met again while being judged is assumed the same), each pair once.
     */
    boolean sameRenamed(JsonNode a, JsonNode b) {
        String from = refText(a);
        String to = refText(b);
        if (from == null || to == null) {
            return false;
        }
        Set<String> assumed = new HashSet<>();
        boolean same = sameContent(a, b, assumed);
        if (same) {
            assumed.forEach(pair -> renamed.put(pair, Boolean.TRUE)); // the assumptions all held
        }
        return same;
    }

    private boolean sameContent(JsonNode a, JsonNode b, Set<String> assumed) {
        String from = refText(a);
        String to = refText(b);
        if (from != null || to != null) {
            if (from == null || to == null || a.size() != 1 || b.size() != 1) {
                return false; // a reference against inline content, or with siblings: not judged here
            }
            if (from.equals(to) && sameReference(a, b, from)) {
                return true;
            }
            String pair = from + '\0' + to;
            Boolean known = renamed.get(pair);
            if (known != null) {
                return known;
            }
            if (!assumed.add(pair)) {
                return true; // met again while being judged: the same unless something else differs
            }
            JsonNode baseTarget = base.resolve(a, null).node();
            JsonNode revisionTarget = revision.resolve(b, null).node();
            boolean same = !baseTarget.isMissingNode() && !revisionTarget.isMissingNode()
                    && sameContent(baseTarget, revisionTarget, assumed);
            if (!same) {
                renamed.put(pair, Boolean.FALSE); // different even with every assumption: different
            }
            return same;
        }
        if (a == null || b == null || a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = a.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = b.get(field.getKey());
                if (other == null || !sameContent(field.getValue(), other, assumed)) {
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
                if (!sameContent(a.get(i), b.get(i), assumed)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static String refText(JsonNode node) {
        JsonNode ref = node == null || !node.isObject() ? null : node.get("$ref");
        return ref != null && ref.isTextual() ? ref.asText() : null;
    }
}
