package dev.covenant.registry.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * Where the registry's two JSON libraries meet. The engine (and swagger-parser under it) works on Jackson 2 trees;
 * the rest of the registry (Spring Boot 4, request bodies, views) is Jackson 3. Engine trees are written out here,
 * by the registry's one Jackson 2 mapper, and nowhere else; {@code PackageDependencyTest} keeps it so (no other
 * class uses a Jackson 2 mapper, and no class but this one uses both libraries).
 */
public final class JsonLine {

    private static final ObjectMapper JACKSON2 = new ObjectMapper();

    private JsonLine() {
    }

    /** An engine tree (or a value holding engine trees) as compact JSON bytes. */
    public static byte[] bytes(Object value) {
        try {
            return JACKSON2.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An engine tree (or a value holding engine trees) as compact JSON text. */
    public static String text(Object value) {
        try {
            return JACKSON2.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An engine tree (or a value holding engine trees) as indented JSON text, for people to read. */
    public static String pretty(Object value) {
        try {
            return JACKSON2.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain value (maps, lists, strings) as an engine tree, to be set into one. */
    public static JsonNode tree(Object value) {
        return JACKSON2.valueToTree(value);
    }
}
