package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows local {@code $ref}s of one document, remembering every target so that a reference used a
 * thousand times is looked up once. External references never reach here (loading refuses them).
 */
final class RefResolver {

    /** A node after following references, with the pointer of where it really lives. */
    record Located(JsonNode node, String pointer) {
        boolean isMissing() {
            return node == null || node.isMissingNode();
        }
    }

    // Longer chains than this are cycles of pure references ($ref to $ref); treat them as empty.
    private static final int MAX_HOPS = 64;

    private final JsonNode root;
    private final Map<String, Located> targets = new HashMap<>();

    RefResolver(JsonNode root) {
        this.root = root;
    }

    JsonNode root() {
        return root;
    }

    /** Follows {@code $ref} from {@code node} (found at {@code pointer}) until a real node is reached. */
    Located resolve(JsonNode node, String pointer) {
        Located current = new Located(node, pointer);
        for (int hops = 0; hops < MAX_HOPS; hops++) {
            JsonNode ref = current.node == null ? null : current.node.get("$ref");
            if (ref == null || !ref.isTextual()) {
                return current;
            }
            current = target(ref.asText());
        }
        return new Located(MissingNode.getInstance(), pointer);
    }

    /** The name a {@code $ref} gives a node ({@code Pet} for {@code #/components/schemas/Pet}), or null. */
    static String refName(JsonNode node) {
        JsonNode ref = node == null ? null : node.get("$ref");
        if (ref == null || !ref.isTextual()) {
            return null;
        }
        String text = ref.asText();
        return text.substring(text.lastIndexOf('/') + 1);
    }

    private Located target(String ref) {
        return targets.computeIfAbsent(ref, this::lookUp);
    }

    private Located lookUp(String ref) {
        if (!ref.startsWith("#")) {
            return new Located(MissingNode.getInstance(), null);
        }
        String pointer = ref.substring(1);
        if (pointer.indexOf('%') >= 0) {
            try {
                pointer = URLDecoder.decode(pointer.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException badEscape) {
                return new Located(MissingNode.getInstance(), null); // refused when the document was parsed
            }
        }
        return new Located(pointer.isEmpty() ? root : root.at(pointer), pointer);
    }
}
