package dev.covenant.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Follows local {@code $ref}s inside one document tree. Anything not local never resolves. */
final class Refs {

    private static final int MAX_HOPS = 32;

    private Refs() {
    }

    /** A node and where it is. */
    record Located(JsonNode node, String pointer) {
        boolean missing() {
            return node == null || node.isMissingNode();
        }
    }

    /** Follows a chain of references (alias of alias of …); a broken or cyclic chain gives a missing node. */
    static Located resolve(JsonNode root, JsonNode node, String pointer) {
        JsonNode current = node;
        String at = pointer;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            if (current == null || !current.isObject() || !current.path("$ref").isTextual()) {
                return new Located(current == null ? MissingNode.getInstance() : current, at);
            }
            String target = pointerOf(current.get("$ref").asText());
            if (target == null) {
                return new Located(MissingNode.getInstance(), at);
            }
            current = root.at(target);
            at = target;
        }
        return new Located(MissingNode.getInstance(), at);
    }

    /** The JSON pointer of a local reference ({@code #/a/b}), or {@code null} when it is not local. */
    static String pointerOf(String ref) {
        if (!ref.startsWith("#")) {
            return null;
        }
        String fragment = ref.substring(1);
        if (fragment.indexOf('%') >= 0) {
            try {
                fragment = URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return fragment.isEmpty() || fragment.startsWith("/") ? fragment : null;
    }
}
