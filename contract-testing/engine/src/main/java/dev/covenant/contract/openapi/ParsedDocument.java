package dev.covenant.contract.openapi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An OpenAPI document that passed every check: parsed, bounded, self-contained and structurally valid.
 *
 * @param tree           the document as a JSON tree (YAML converted); treat as read-only
 * @param format         the specification family
 * @param specVersion    the {@code openapi} or {@code swagger} field as written
 * @param title          {@code info.title}
 * @param apiVersion     {@code info.version}
 * @param canonicalJson  the normalized form: JSON, object keys sorted, no insignificant white space, UTF-8
 * @param sha256         hex SHA-256 of {@link #canonicalJson()}: the document's content address
 * @param warnings       non-fatal remarks (e.g. unused components)
 */
public record ParsedDocument(
        JsonNode tree,
        OpenApiFormat format,
        String specVersion,
        String title,
        String apiVersion,
        byte[] canonicalJson,
        String sha256,
        java.util.List<DocumentProblem> warnings) {
}
