package dev.covenant.contract.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.check.SchemaTransformer.Direction;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every keyword the schema transformer writes is one the validator's dialect declares, so networknt never falls back
 * to its unknown-keyword handling (which logs "Unknown keyword x-refs - you should define your own Meta Schema" once
 * per keyword and run). The registry's side of it, the log itself, is asserted by the end-to-end tests, which read a
 * fresh registry's log after it checked pacts.
 */
class SchemaValidationDialectTest {

    private static final Set<String> MAP_OF_SCHEMAS = Set.of("properties", "patternProperties", "dependentSchemas",
            "$defs", SchemaTransformer.REFS);
    private static final Set<String> LIST_OF_SCHEMAS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> ONE_SCHEMA = Set.of("items", "not", "if", "then", "else", "contains",
            "propertyNames", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "additionalItems");

    private static final String PETS = """
            openapi: 3.0.3
            info: {title: pets, version: '1'}
            paths:
              /pets/{id}:
                get:
                  parameters: [{in: path, name: id, required: true, schema: {type: integer}}]
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Pet'}
            components:
              schemas:
                Pet:
                  oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
                  discriminator: {propertyName: petType}
                Cat:
                  type: object
                  required: [petType]
                  properties: {petType: {type: string}, lives: {type: integer, example: 9}, owner: {$ref: '#/components/schemas/Owner'}}
                  x-internal-note: an extension the transformer leaves out
                Dog:
                  type: object
                  required: [petType]
                  properties: {petType: {type: string}, barks: {type: boolean}}
                Owner:
                  type: object
                  properties: {name: {type: string, nullable: true}}
            """;

    @Test
    void everyKeywordTheTransformerWritesIsDeclaredByTheValidatorsDialect() {
        JsonNode document = OpenApiDocuments.readTree(PETS.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
        SchemaTransformer transformer = new SchemaTransformer(document, Direction.RESPONSE);
        tools.jackson.databind.node.ObjectNode root = (tools.jackson.databind.node.ObjectNode) transformer.transform(
                document.at("/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema"));
        root.set(SchemaTransformer.REFS, transformer.refs());

        Set<String> written = new TreeSet<>();
        keywords(root, written);

        assertThat(written).as("the transformer's own keywords are among what it wrote")
                .contains(SchemaTransformer.REFS, SchemaTransformer.DISCRIMINATOR_TAG, "$ref", "oneOf");
        assertThat(SchemaValidation.DIALECT.getKeywords().keySet()).as("keywords the validator's dialect declares")
                .containsAll(written);
    }

    @Test
    void theDialectIsStillJsonSchema202012() {
        assertThat(SchemaValidation.DIALECT.getId()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(SchemaValidation.DIALECT.getKeywords()).containsKeys("unevaluatedProperties", "prefixItems",
                "$ref", "$defs");
    }

    /** The keywords of a schema and of the schemas inside it (not the property names of {@code properties}). */
    private static void keywords(tools.jackson.databind.JsonNode schema, Set<String> into) {
        if (!schema.isObject()) {
            return;
        }
        for (java.util.Map.Entry<String, tools.jackson.databind.JsonNode> entry : schema.properties()) {
            String keyword = entry.getKey();
            tools.jackson.databind.JsonNode value = entry.getValue();
            into.add(keyword);
            if (MAP_OF_SCHEMAS.contains(keyword) || LIST_OF_SCHEMAS.contains(keyword)) {
                value.forEach(inner -> keywords(inner, into));
            } else if (ONE_SCHEMA.contains(keyword)) {
                keywords(value, into);
            }
        }
    }
}
