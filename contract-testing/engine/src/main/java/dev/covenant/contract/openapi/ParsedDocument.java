package dev.covenant.contract.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An OpenAPI document that was read within the safety limits and is recognisably OpenAPI 2.0, 3.0 or 3.1;
 * structural problems found by a {@link Validation#LENIENT} read are in {@link #warnings()}.
 *
 * <p>The canonical form and its hash are computed on first use: a diff needs neither, a publish needs both.
 */
public final class ParsedDocument {

    /** The id under which structural problems are reported, next to the diff's oasdiff rule ids. */
    public static final String DOCUMENT_INVALID = "document-invalid";

    private final JsonNode tree;
    private final OpenApiFormat format;
    private final String specVersion;
    private final String title;
    private final String apiVersion;
    private final List<DocumentProblem> warnings;
    private volatile byte[] canonicalJson;
    private volatile String sha256;

    ParsedDocument(JsonNode tree, OpenApiFormat format, String specVersion, String title, String apiVersion,
            List<DocumentProblem> warnings) {
        this.tree = tree;
        this.format = format;
        this.specVersion = specVersion;
        this.title = title;
        this.apiVersion = apiVersion;
        this.warnings = List.copyOf(warnings);
    }

    /** This document with the given structural problems; the canonical form, if computed, is shared. */
    public ParsedDocument withWarnings(List<DocumentProblem> problems) {
        ParsedDocument copy = new ParsedDocument(tree, format, specVersion, title, apiVersion, problems);
        copy.canonicalJson = canonicalJson;
        copy.sha256 = sha256;
        return copy;
    }

    /** The document as a JSON tree (YAML converted); treat as read-only. */
    public JsonNode tree() {
        return tree;
    }

    /** The specification family. */
    public OpenApiFormat format() {
        return format;
    }

    /** The {@code openapi} or {@code swagger} field as written. */
    public String specVersion() {
        return specVersion;
    }

    /** {@code info.title}, or empty. */
    public String title() {
        return title;
    }

    /** {@code info.version}, or empty. */
    public String apiVersion() {
        return apiVersion;
    }

    /** The normalized form: JSON, object keys sorted, no insignificant white space, UTF-8. */
    public byte[] canonicalJson() {
        byte[] canonical = canonicalJson;
        if (canonical == null) {
            canonical = OpenApiDocuments.canonicalJson(tree);
            canonicalJson = canonical;
        }
        return canonical;
    }

    /** Hex SHA-256 of {@link #canonicalJson()}: the document's content address. */
    public String sha256() {
        String hash = sha256;
        if (hash == null) {
            hash = OpenApiDocuments.sha256(canonicalJson());
            sha256 = hash;
        }
        return hash;
    }

    /**
     * Structural problems of a {@link Validation#LENIENT} read ({@value #DOCUMENT_INVALID} warnings), located by
     * pointer and line; empty after a {@link Validation#NONE} read or for a valid document.
     */
    public List<DocumentProblem> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "ParsedDocument[" + format + " " + specVersion + ", '" + title + "' " + apiVersion + ", "
                + warnings.size() + " warning(s)]";
    }
}
