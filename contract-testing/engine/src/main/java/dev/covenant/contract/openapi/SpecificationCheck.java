package dev.covenant.contract.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.parser.util.SwaggerDeserializationResult;
import io.swagger.parser.util.SwaggerDeserializer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structural validation against the OpenAPI specification, through swagger-parser's deserializers
 * (the v1 one for Swagger 2.0, the v3 one for OpenAPI 3.x), with their messages turned into located problems.
 */
final class SpecificationCheck {

    private static final Pattern ATTRIBUTE = Pattern.compile("^attribute (\\S.*?) (is missing|is unexpected|is not of type .*|.*)$");

    private SpecificationCheck() {
    }

    static List<DocumentProblem> problems(JsonNode tree, OpenApiFormat format) {
        List<String> messages;
        try {
            messages = format == OpenApiFormat.SWAGGER_2_0 ? swagger2Messages(tree) : openApi3Messages(tree);
        } catch (RuntimeException unexpected) {
            // swagger-parser gave up on a shape it did not expect: a remark, not a reason to refuse the document
            return List.of(new DocumentProblem("", null, "the structure could not be fully checked ("
                    + unexpected.getClass().getSimpleName() + ")"));
        }
        Set<String> distinct = new LinkedHashSet<>(messages);
        List<DocumentProblem> problems = new ArrayList<>();
        for (String message : distinct) {
            if (isProblem(message, format)) {
                problems.add(new DocumentProblem(pointerOf(message), null, message));
            }
        }
        return problems;
    }

    private static List<String> openApi3Messages(JsonNode tree) {
        List<String> messages = OpenApiDocuments.deserialize(tree).getMessages();
        return messages == null ? List.of() : messages;
    }

    private static List<String> swagger2Messages(JsonNode tree) {
        SwaggerDeserializationResult result = new SwaggerDeserializer().deserialize(tree);
        List<String> messages = result.getMessages();
        return messages == null ? List.of() : messages;
    }

    /**
     * Unexpected attributes and extension remarks are tolerated, as every mainstream tool does; missing required
     * fields and wrong types are reported. OpenAPI 3.1 made an operation's {@code responses} optional, which
     * swagger-parser still reports as missing.
     */
    private static boolean isProblem(String message, OpenApiFormat format) {
        // ".#/..." is swagger-parser's remark on a reference that does not resolve, which references() reports
        if (message.contains("is unexpected") || message.startsWith("attribute x-") || message.contains(".#/")) {
            return false;
        }
        return !(format == OpenApiFormat.OPENAPI_3_1 && message.endsWith(".responses is missing"));
    }

    /** Converts swagger-parser's attribute path ({@code paths.'/pets'(get).responses}) into a JSON pointer. */
    static String pointerOf(String message) {
        Matcher matcher = ATTRIBUTE.matcher(message);
        if (!matcher.matches()) {
            return null;
        }
        String path = matcher.group(1);
        StringBuilder pointer = new StringBuilder();
        StringBuilder token = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '.') {
                flush(pointer, token);
            } else if (!quoted && c == '(') {
                flush(pointer, token);
                int close = path.indexOf(')', i);
                if (close < 0) {
                    return null;
                }
                token.append(path, i + 1, close);
                flush(pointer, token);
                i = close;
            } else {
                token.append(c);
            }
        }
        flush(pointer, token);
        return pointer.toString();
    }

    private static void flush(StringBuilder pointer, StringBuilder token) {
        if (token.length() > 0) {
            pointer.append('/').append(Pointers.escape(token.toString()));
            token.setLength(0);
        }
    }
}
