package dev.covenant.contract.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a corpus document and inlines references to sibling files ({@code $ref: ./schemas/pet.yaml}),
 * which is what a user does with a bundler before publishing: the engine itself never reads files.
 */
final class CorpusBundler {

    private static final int MAX_DEPTH = 8;

    private CorpusBundler() {
    }

    static JsonNode bundle(Path file) {
        return inline(read(file), file.getParent(), 0);
    }

    private static JsonNode inline(JsonNode node, Path dir, int depth) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && !ref.asText().startsWith("#") && !ref.asText().contains(":")
                    && !ref.asText().contains("#") && depth < MAX_DEPTH) {
                Path target = dir.resolve(ref.asText()).normalize();
                return inline(read(target), target.getParent(), depth + 1);
            }
            ObjectNode object = (ObjectNode) node;
            object.fields().forEachRemaining(field -> field.setValue(inline(field.getValue(), dir, depth)));
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, inline(array.get(i), dir, depth));
            }
        }
        return node;
    }

    private static JsonNode read(Path file) {
        try {
            return OpenApiDocuments.readTree(Files.readAllBytes(file), DocumentLimits.DEFAULTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
