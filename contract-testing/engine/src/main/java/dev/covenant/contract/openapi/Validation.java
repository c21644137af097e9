package dev.covenant.contract.openapi;

/**
 * How strictly {@link OpenApiDocuments#parse} holds a document to the OpenAPI specification's structure.
 *
 * <p>The safety limits (size, nesting depth, YAML aliases, external {@code $ref}) are refused at every level:
 * they protect the reader, not the reader's opinion of the document.
 */
public enum Validation {
    /** No structural check at all: the fastest read, for commands that only need the tree (a diff). */
    NONE,
    /**
     * Structural problems (a response without a description, an unresolved local {@code $ref}, …) become
     * {@code document-invalid} warnings on {@link ParsedDocument#warnings()}; the document is accepted.
     */
    LENIENT,
    /** Structural problems refuse the document ({@link InvalidDocumentException.Reason#SCHEMA}). */
    STRICT
}
