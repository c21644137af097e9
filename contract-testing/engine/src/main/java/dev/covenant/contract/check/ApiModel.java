package dev.covenant.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The parts of a document a pact is checked against, normalized so Swagger 2.0 and OpenAPI 3.x read alike. */
final class ApiModel {

    private ApiModel() {
    }

    /** One operation (path + method). */
    record Operation(
            String pathTemplate,
            String method,
            String pointer,
            List<Parameter> parameters,
            RequestBody requestBody,
            Map<String, Response> responses,
            List<Map<String, SecurityScheme>> security) {

        /** Every media type any response can produce. */
        List<String> producedMediaTypes() {
            return responses.values().stream().flatMap(r -> r.content().keySet().stream()).distinct().toList();
        }
    }

    /**
     * A parameter; for Swagger 2.0 the parameter object itself is its schema.
     *
     * @param schemaPointer where the schema is, for findings and for validation caching
     */
    record Parameter(String name, String in, boolean required, JsonNode schema, String schemaPointer, String pointer,
                     String style, Boolean explode, String collectionFormat) {
    }

    /** A request body (OpenAPI 3 {@code requestBody}, Swagger 2.0 body or formData parameters). */
    record RequestBody(boolean required, Map<String, Media> content, String contentPointer) {
    }

    /** One media type and its schema (schema may be null). */
    record Media(String mediaType, JsonNode schema, String schemaPointer) {
    }

    /** A response for one status key ({@code 200}, {@code 2XX}, {@code default}). */
    record Response(String status, String pointer, Map<String, Media> content, String contentPointer,
                    Map<String, Header> headers, String headersPointer) {
    }

    /** A declared response header. */
    record Header(String name, JsonNode schema, String schemaPointer) {
    }

    /**
     * A security scheme as far as a pact can show it: {@code type} http/apiKey/oauth2/…, where an apiKey
     * goes and under which name, and the HTTP {@code scheme} (bearer, basic…) of an http one.
     */
    record SecurityScheme(String type, String in, String name, String scheme) {
    }
}
