package dev.covenant.contract.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML into a Jackson tree with every hostile shape bounded: alias count, nesting depth, code points,
 * and the number of nodes an alias expansion may produce (proportional to the input's size).
 * SnakeYAML composes nodes without constructing Java objects, so no tag can instantiate a class.
 */
final class YamlTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private YamlTrees() {
    }

    static JsonNode read(String text, DocumentLimits limits) {
        Node root = compose(text, limits);
        if (root == null) {
            throw new InvalidDocumentException(InvalidDocumentException.Reason.SYNTAX,
                    new DocumentProblem("", 1, "the document is empty"));
        }
        long budget = Math.max(100_000L, text.length() * 2L);
        return new Converter(budget, limits.maxNestingDepth()).convert(root);
    }

    static Node compose(String text, DocumentLimits limits) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(limits.maxYamlAliases());
        options.setNestingDepthLimit(limits.maxNestingDepth());
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Integer line = mark == null ? null : mark.getLine() + 1;
            throw new InvalidDocumentException(reasonOf(e), new DocumentProblem(null, line, describe(e)));
        } catch (YAMLException e) {
            throw new InvalidDocumentException(reasonOf(e), new DocumentProblem(null, null, describe(e)));
        } catch (NumberFormatException e) {
            // SnakeYAML parses the hex digits of a Unicode escape cut short by the end of the text as a number.
            throw new InvalidDocumentException(InvalidDocumentException.Reason.SYNTAX,
                    new DocumentProblem(null, null, "an escape sequence in a quoted string is incomplete"));
        } catch (IllegalArgumentException e) {
            // SnakeYAML throws this outside its YAMLException for some malformed input, e.g. a tag whose
            // %-escapes do not decode ("!p%e").
            throw new InvalidDocumentException(InvalidDocumentException.Reason.SYNTAX,
                    new DocumentProblem(null, null, "the YAML is malformed: " + e.getMessage()));
        }
    }

    private static InvalidDocumentException.Reason reasonOf(YAMLException e) {
        String message = String.valueOf(e.getMessage());
        boolean limit = message.contains("aliases") || message.contains("Nesting Depth")
                || message.contains("code points") || message.contains("exceeds the limit");
        return limit ? InvalidDocumentException.Reason.LIMIT_EXCEEDED : InvalidDocumentException.Reason.SYNTAX;
    }

    private static String describe(YAMLException e) {
        if (e instanceof MarkedYAMLException marked) {
            String problem = marked.getProblem();
            String context = marked.getContext();
            if (problem != null && context != null) {
                return context + ": " + problem;
            }
            if (problem != null) {
                return problem;
            }
        }
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    /** Converts composed YAML nodes to JSON nodes, counting every produced node against a budget. */
    private static final class Converter {
        private final long budget;
        private final int maxDepth;
        private long produced;
        private final Map<Node, Boolean> onPath = new IdentityHashMap<>();

        Converter(long budget, int maxDepth) {
            this.budget = budget;
            this.maxDepth = maxDepth;
        }

        JsonNode convert(Node root) {
            return convert(root, "", 0);
        }

        private JsonNode convert(Node node, String pointer, int depth) {
            if (++produced > budget) {
                throw limit(pointer, node, "the document expands (through YAML aliases) to more than "
                        + budget + " nodes");
            }
            if (depth > maxDepth) {
                throw limit(pointer, node, "the document nests deeper than " + maxDepth + " levels");
            }
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar);
            }
            if (onPath.put(node, Boolean.TRUE) != null) {
                throw limit(pointer, node, "the document contains a recursive YAML alias");
            }
            try {
                if (node instanceof SequenceNode sequence) {
                    ArrayNode array = NODES.arrayNode(sequence.getValue().size());
                    int index = 0;
                    for (Node item : sequence.getValue()) {
                        array.add(convert(item, pointer + "/" + index++, depth + 1));
                    }
                    return array;
                }
                MappingNode mapping = (MappingNode) node;
                ObjectNode object = NODES.objectNode();
                for (NodeTuple tuple : mergedTuples(mapping)) {
                    if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                        throw new InvalidDocumentException(InvalidDocumentException.Reason.SYNTAX,
                                new DocumentProblem(pointer, line(tuple.getKeyNode()), "object keys must be scalars"));
                    }
                    String name = key.getValue();
                    if (object.has(name)) {
                        throw new InvalidDocumentException(InvalidDocumentException.Reason.SYNTAX,
                                new DocumentProblem(pointer, line(key), "duplicate key '" + name + "'"));
                    }
                    object.set(name, convert(tuple.getValueNode(), pointer + "/" + Pointers.escape(name), depth + 1));
                }
                return object;
            } finally {
                onPath.remove(node);
            }
        }

        private static Iterable<NodeTuple> mergedTuples(MappingNode mapping) {
            // SnakeYAML's compose() leaves '<<' merge keys in place; we keep them as ordinary keys
            // rather than expanding them, since OpenAPI has no notion of YAML merge keys.
            return mapping.getValue();
        }

        private static JsonNode scalar(ScalarNode scalar) {
            String value = scalar.getValue();
            Tag tag = scalar.getTag();
            if (scalar.isPlain()) {
                if (Tag.NULL.equals(tag)) {
                    return NODES.nullNode();
                }
                if (Tag.BOOL.equals(tag)) {
                    String lower = value.toLowerCase(java.util.Locale.ROOT);
                    return NODES.booleanNode(lower.equals("true") || lower.equals("yes") || lower.equals("on"));
                }
                if (Tag.INT.equals(tag)) {
                    JsonNode number = integer(value);
                    if (number != null) {
                        return number;
                    }
                }
                if (Tag.FLOAT.equals(tag)) {
                    try {
                        return NODES.numberNode(new BigDecimal(value.replace("_", "")));
                    } catch (NumberFormatException ignored) {
                        return NODES.textNode(value);
                    }
                }
            }
            return NODES.textNode(value);
        }

        private static JsonNode integer(String value) {
            String digits = value.replace("_", "");
            try {
                BigInteger big = new BigInteger(digits);
                if (big.bitLength() < 32) {
                    return NODES.numberNode(big.intValue());
                }
                if (big.bitLength() < 64) {
                    return NODES.numberNode(big.longValue());
                }
                return NODES.numberNode(big);
            } catch (NumberFormatException e) {
                return null; // octal, hex or sexagesimal: keep the text as written
            }
        }

        private static InvalidDocumentException limit(String pointer, Node node, String message) {
            return new InvalidDocumentException(InvalidDocumentException.Reason.LIMIT_EXCEEDED,
                    new DocumentProblem(pointer, line(node), message));
        }
    }

    static Integer line(Node node) {
        return node.getStartMark() == null ? null : node.getStartMark().getLine() + 1;
    }

    /**
     * Finds the 1-based line of the node at a JSON pointer in YAML or JSON text; for a pointer that does not
     * exist (a missing field), the line of its nearest existing parent's key.
     */
    static Integer lineOf(Node root, String pointer) {
        if (root == null || pointer == null) {
            return null;
        }
        Node current = root;
        Integer best = line(root);
        Deque<String> tokens = new ArrayDeque<>(Pointers.tokens(pointer));
        while (!tokens.isEmpty()) {
            String token = tokens.poll();
            Node next = null;
            if (current instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(token)) {
                        next = tuple.getValueNode();
                        best = line(key);
                        break;
                    }
                }
            } else if (current instanceof SequenceNode sequence && token.matches("\\d{1,9}")) {
                int index = Integer.parseInt(token);
                next = index < sequence.getValue().size() ? sequence.getValue().get(index) : null;
                best = next == null ? best : line(next);
            }
            if (next == null) {
                break;
            }
            current = next;
        }
        return best;
    }
}
