package dev.covenant.contract.openapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.parser.util.OpenAPIDeserializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns untrusted bytes into a {@link ParsedDocument}, or refuses them with every reason found.
 *
 * <p>Nothing here reads a file or opens a connection: a {@code $ref} that leaves the document is refused
 * before any parser sees it, YAML is composed (never constructed into objects) with alias, depth and size
 * bounds, and JSON is read with Jackson's stream constraints.
 */
public final class OpenApiDocuments {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true)
            .build();

    private OpenApiDocuments() {
    }

    /** Most structural problems kept on a document; a sloppy 11 MB document can have thousands. */
    static final int MAX_WARNINGS = 500;

    /**
     * Reads an OpenAPI 2.0, 3.0 or 3.1 document in YAML or JSON leniently: structural problems become
     * {@link ParsedDocument#warnings()}, only the safety limits and non-OpenAPI input are refused.
     */
    public static ParsedDocument parse(byte[] content, DocumentLimits limits) {
        return parse(content, limits, Validation.LENIENT);
    }

    /**
     * Reads an OpenAPI 2.0, 3.0 or 3.1 document in YAML or JSON. Whatever the validation, a document over the
     * limits, with a {@code $ref} outside itself, or that is not recognisably OpenAPI is refused.
     */
    public static ParsedDocument parse(byte[] content, DocumentLimits limits, Validation validation) {
        JsonNode tree = readTree(content, limits);
        OpenApiFormat format = formatOf(tree);
        References references = references(tree);
        if (!references.external().isEmpty()) {
            throw new InvalidDocumentException(InvalidDocumentException.Reason.EXTERNAL_REFERENCE,
                    locate(content, references.external(), limits));
        }
        ParsedDocument document = new ParsedDocument(tree, format, versionField(tree, format),
                tree.path("info").path("title").asText(""), tree.path("info").path("version").asText(""), List.of());
        return validation == Validation.NONE ? document
                : document.withWarnings(structuralProblems(document, references.unresolved(), content, limits, validation));
    }

    /**
     * The structural problems of a document read with {@link Validation#NONE} (located; empty when valid), or,
     * for {@link Validation#STRICT}, a refusal. Separate from {@link #parse} so that a caller can run it beside
     * other work on the same tree, which nothing here modifies.
     */
    public static List<DocumentProblem> structuralProblems(ParsedDocument document, byte[] content,
            DocumentLimits limits, Validation validation) {
        if (validation == Validation.NONE) {
            return List.of();
        }
        return structuralProblems(document, references(document.tree()).unresolved(), content, limits, validation);
    }

    private static List<DocumentProblem> structuralProblems(ParsedDocument document, List<DocumentProblem> unresolved,
            byte[] content, DocumentLimits limits, Validation validation) {
        List<DocumentProblem> structural = new ArrayList<>(unresolved);
        structural.addAll(SpecificationCheck.problems(document.tree(), document.format()));
        List<DocumentProblem> located = structural.isEmpty() ? List.of() : locate(content, capped(structural), limits);
        if (validation == Validation.STRICT && !located.isEmpty()) {
            throw new InvalidDocumentException(InvalidDocumentException.Reason.SCHEMA, located);
        }
        return located;
    }

    private static List<DocumentProblem> capped(List<DocumentProblem> problems) {
        if (problems.size() <= MAX_WARNINGS) {
            return problems;
        }
        List<DocumentProblem> capped = new ArrayList<>(problems.subList(0, MAX_WARNINGS));
        capped.add(new DocumentProblem(null, null, "and " + (problems.size() - MAX_WARNINGS)
                + " more structural problems not listed"));
        return capped;
    }

    /**
     * Reads YAML or JSON text into a tree under the given limits, without any OpenAPI checks.
     * Also used for pacts and other JSON inputs.
     */
    public static JsonNode readTree(byte[] content, DocumentLimits limits) {
        if (content.length <= limits.maxBytes() && startsLikeJson(content)) {
            // JSON straight from bytes: Jackson checks UTF-8 itself, and an 11 MB document is not first
            // copied into a String (half the time of reading a large description).
            return readJson(content, limits);
        }
        return readTree(decode(content, limits), limits);
    }

    private static boolean startsLikeJson(byte[] content) {
        int i = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        for (; i < content.length; i++) {
            byte b = content[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{' || b == '[';
            }
        }
        return false;
    }

    private static JsonNode readJson(byte[] content, DocumentLimits limits) {
        int offset = content.length >= 3 && (content[0] & 0xFF) == 0xEF ? 3 : 0;
        try {
            JsonNode tree = jsonMapper(limits).readTree(content, offset, content.length - offset);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidDocumentException(InvalidDocumentException.Reason.SYNTAX,
                        new DocumentProblem("", 1, "the document is empty"));
            }
            return tree;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.contains("UTF-8")) {
                throw new InvalidDocumentException(InvalidDocumentException.Reason.SYNTAX,
                        new DocumentProblem(null, null, "the document is not UTF-8 text"));
            }
            throw jsonProblem(e);
        } catch (IOException e) {
            throw new InvalidDocumentException(InvalidDocumentException.Reason.SYNTAX,
                    new DocumentProblem(null, null, firstLine(e.getMessage())));
        }
    }

    /** The normalized form used for content addressing: JSON with sorted keys and no extra white space. */
    public static byte[] canonicalJson(JsonNode tree) {
        try {
            return CANONICAL.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serializes", e);
        }
    }

    /** Hex SHA-256 of some bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String decode(byte[] content, DocumentLimits limits) {
        if (content.length > limits.maxBytes()) {
            throw new InvalidDocumentException(InvalidDocumentException.Reason.TOO_LARGE,
                    new DocumentProblem(null, null, "the document has " + content.length
                            + " bytes; the limit is " + limits.maxBytes()));
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidDocumentException(InvalidDocumentException.Reason.SYNTAX,
                    new DocumentProblem(null, null, "the document is not UTF-8 text"));
        }
    }

    private static JsonNode readTree(String text, DocumentLimits limits) {
        if (looksLikeJson(text)) {
            return readJson(text, limits);
        }
        return YamlTrees.read(text, limits);
    }

    private static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    private static JsonNode readJson(String text, DocumentLimits limits) {
        try {
            JsonNode tree = jsonMapper(limits).readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidDocumentException(InvalidDocumentException.Reason.SYNTAX,
                        new DocumentProblem("", 1, "the document is empty"));
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw jsonProblem(e);
        } catch (IOException e) {
            throw new InvalidDocumentException(InvalidDocumentException.Reason.SYNTAX,
                    new DocumentProblem(null, null, firstLine(e.getMessage())));
        }
    }

    private static InvalidDocumentException jsonProblem(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        Integer line = location == null || location.getLineNr() < 1 ? null : location.getLineNr();
        String message = e.getOriginalMessage();
        boolean limit = message != null && (message.contains("nesting depth") || message.contains("exceeds the maximum"));
        return new InvalidDocumentException(limit ? InvalidDocumentException.Reason.LIMIT_EXCEEDED
                : InvalidDocumentException.Reason.SYNTAX, new DocumentProblem(null, line, firstLine(message)));
    }

    // Mappers are thread-safe once built; building one per document showed up in profiles.
    private static final java.util.concurrent.ConcurrentMap<DocumentLimits, ObjectMapper> JSON_MAPPERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static ObjectMapper jsonMapper(DocumentLimits limits) {
        if (JSON_MAPPERS.size() > 16) {
            JSON_MAPPERS.clear(); // limits are configuration: a handful of distinct values at most
        }
        return JSON_MAPPERS.computeIfAbsent(limits, OpenApiDocuments::newJsonMapper);
    }

    private static ObjectMapper newJsonMapper(DocumentLimits limits) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxDocumentLength(limits.maxBytes())
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()))
                        .build())
                .build();
        // Duplicate keys are refused by the tree reader (FAIL_ON_READING_DUP_TREE_KEY); the parser's own
        // detection (STRICT_DUPLICATE_DETECTION) found the same ones at a tenth more of the time to read.
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    private static OpenApiFormat formatOf(JsonNode tree) {
        if (!tree.isObject()) {
            throw new InvalidDocumentException(InvalidDocumentException.Reason.NOT_OPENAPI,
                    new DocumentProblem("", null, "the document must be an object with an 'openapi' or 'swagger' field"));
        }
        JsonNode swagger = tree.get("swagger");
        JsonNode openapi = tree.get("openapi");
        if (swagger == null && openapi == null) {
            throw new InvalidDocumentException(InvalidDocumentException.Reason.NOT_OPENAPI,
                    new DocumentProblem("", null, "missing the 'openapi' (3.x) or 'swagger' (2.0) field"));
        }
        OpenApiFormat format = OpenApiFormat.of(swagger == null ? null : swagger.asText(),
                openapi == null ? null : openapi.asText());
        if (format == null) {
            String pointer = openapi != null ? "/openapi" : "/swagger";
            throw new InvalidDocumentException(InvalidDocumentException.Reason.NOT_OPENAPI,
                    new DocumentProblem(pointer, null, "unsupported version '" + tree.at(pointer).asText()
                            + "'; supported: swagger 2.0, openapi 3.0.x and 3.1.x"));
        }
        return format;
    }

    private static String versionField(JsonNode tree, OpenApiFormat format) {
        return format == OpenApiFormat.SWAGGER_2_0 ? tree.path("swagger").asText() : tree.path("openapi").asText();
    }

    /** The {@code $ref}s that leave the document (always refused) and the local ones that do not resolve. */
    record References(List<DocumentProblem> external, List<DocumentProblem> unresolved) {
    }

    /**
     * Walks every {@code $ref}: one pass, pointers built only for the ones that are wrong, each distinct
     * reference resolved once (large descriptions repeat the same few thousand references).
     */
    static References references(JsonNode tree) {
        ReferenceWalk walk = new ReferenceWalk(tree);
        walk.visit(tree);
        return new References(walk.external, walk.unresolved);
    }

    private static final class ReferenceWalk {
        private final JsonNode root;
        private final Map<String, Boolean> resolved = new java.util.HashMap<>();
        private final Deque<String> path = new ArrayDeque<>();
        private final List<DocumentProblem> external = new ArrayList<>();
        private final List<DocumentProblem> unresolved = new ArrayList<>();

        ReferenceWalk(JsonNode root) {
            this.root = root;
        }

        // Recursion depth is bounded by DocumentLimits.maxNestingDepth, enforced when the tree was read.
        void visit(JsonNode node) {
            if (external.size() + unresolved.size() >= 100) {
                return;
            }
            if (node.isObject()) {
                JsonNode ref = node.get("$ref");
                if (ref != null && ref.isTextual()) {
                    check(ref.asText());
                }
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (field.getValue().isContainerNode()) {
                        path.addLast(field.getKey());
                        visit(field.getValue());
                        path.removeLast();
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    if (node.get(i).isContainerNode()) {
                        path.addLast(Integer.toString(i));
                        visit(node.get(i));
                        path.removeLast();
                    }
                }
            }
        }

        private void check(String ref) {
            if (!ref.startsWith("#")) {
                external.add(new DocumentProblem(pointer(), null, "external reference '" + abbreviate(ref)
                        + "' is not allowed: documents must be self-contained (bundle them first); it was not fetched"));
                return;
            }
            Boolean known = resolved.get(ref);
            if (known == null) {
                known = resolves(ref);
                resolved.put(ref, known);
            }
            if (!known) {
                unresolved.add(new DocumentProblem(pointer(), null, problemOf(ref)));
            }
        }

        private boolean resolves(String ref) {
            String pointer = decodedFragment(ref);
            return pointer != null && (pointer.isEmpty() || pointer.startsWith("/") && !root.at(pointer).isMissingNode());
        }

        private String problemOf(String ref) {
            return decodedFragment(ref) == null
                    ? "reference '" + abbreviate(ref) + "' is not a valid URI fragment (a '%' must start an escape such as %25)"
                    : "reference '" + abbreviate(ref) + "' does not resolve";
        }

        private String pointer() {
            StringBuilder pointer = new StringBuilder();
            for (String token : path) {
                pointer.append('/').append(Pointers.escape(token));
            }
            return pointer.append("/$ref").toString();
        }
    }

    private static String decodedFragment(String ref) {
        try {
            return java.net.URLDecoder.decode(ref.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /** Adds lines to located problems; only called when there are problems, so the text is decoded only then. */
    private static List<DocumentProblem> locate(byte[] content, List<DocumentProblem> problems, DocumentLimits limits) {
        org.yaml.snakeyaml.nodes.Node root;
        try {
            root = YamlTrees.compose(decode(content, limits), limits);
        } catch (InvalidDocumentException e) {
            return problems; // JSON that SnakeYAML cannot read (rare): keep pointers without lines
        }
        List<DocumentProblem> located = new ArrayList<>(problems.size());
        for (DocumentProblem problem : problems) {
            located.add(problem.line() != null ? problem : problem.withLine(YamlTrees.lineOf(root, problem.pointer())));
        }
        return located;
    }

    /** Options for swagger-parser that never resolve anything outside the document. */
    static ParseOptions offlineOptions() {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        options.setResolveFully(false);
        options.setValidateExternalRefs(false);
        options.setSafelyResolveURL(true);
        options.setRemoteRefBlockList(List.of("*"));
        return options;
    }

    static SwaggerParseResult deserialize(JsonNode tree) {
        return new OpenAPIDeserializer().deserialize(tree, null, offlineOptions());
    }
}
