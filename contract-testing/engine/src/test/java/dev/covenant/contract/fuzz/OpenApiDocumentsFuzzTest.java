package dev.covenant.contract.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.InvalidDocumentException;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.contract.openapi.Validation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of the document parser: whatever the bytes, {@link OpenApiDocuments#parse} returns a
 * document or refuses it with {@link InvalidDocumentException} and at least one problem; never another exception,
 * a stack overflow or a hang. Tries per property: {@code -Dfuzz.tries} (1,500 by default; docs/benchmarks.md).
 */
class OpenApiDocumentsFuzzTest {

    static final String VALID = """
            openapi: 3.0.3
            info: {title: Items, version: '1'}
            paths:
              /items/{id}:
                get:
                  parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                  responses:
                    '200':
                      description: an item
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Item'}
            components:
              schemas:
                Item:
                  type: object
                  required: [id]
                  properties: {id: {type: string}, tags: {type: array, items: {type: string}}}
            """;

    private static final List<String> VOCABULARY = List.of("{", "}", "[", "]", ":", ": ", ",", "\n", "  ", "- ", "\"",
            "'", "&a ", "*a", "<<: *a", "!!binary ", "!!python/object ", "? ", "|", ">", "#", "---\n", "...\n",
            "openapi", "swagger", "3.0.3", "3.1.0", "2.0", "info", "title", "version", "paths", "/x", "get",
            "responses", "'200'", "description", "schema", "type", "object", "$ref", "#/components/schemas/A",
            "http://example.com/x.yaml", "../other.yaml", "components", "schemas", "A", "allOf", "null", "~", "true",
            "1e999", "-0", "0x1F", "\\u0000", "\u00e9", "\ud83d\ude00", "%", "@", "`", "\t");

    private static final DocumentLimits LIMITS = DocumentLimits.DEFAULTS.withMaxBytes(64 * 1024);

    @Property
    void anyInputIsParsedOrRefusedWithReasons(@ForAll("documents") byte[] input) {
        ParsedDocument parsed;
        try {
            parsed = OpenApiDocuments.parse(input, LIMITS);
        } catch (InvalidDocumentException refused) {
            assertThat(refused.problems()).isNotEmpty();
            return;
        }
        assertThat(parsed.sha256()).hasSize(64);
        assertThat(parsed.canonicalJson()).isNotEmpty();
    }

    /**
     * Found by this property: a '%' that starts no escape in a local $ref made the URL decoder throw. A lenient
     * read reports it as a warning; strict validation refuses it.
     */
    @Example
    void aReferenceWithABrokenEscapeIsRefusedWithAReason() {
        byte[] document = VALID.replace("#/components/schemas/Item", "#/c%omponents/schemas/Item")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(OpenApiDocuments.parse(document, LIMITS).warnings())
                .anySatisfy(problem -> assertThat(problem.message()).contains("not a valid URI fragment"));
        assertThatThrownBy(() -> OpenApiDocuments.parse(document, LIMITS, Validation.STRICT))
                .isInstanceOfSatisfying(InvalidDocumentException.class, refused -> assertThat(refused.problems())
                        .anySatisfy(problem -> assertThat(problem.message()).contains("not a valid URI fragment")));
    }

    @Provide
    Arbitrary<byte[]> documents() {
        return Arbitraries.oneOf(
                FuzzInputs.bytes(),
                Arbitraries.strings().ofMaxLength(2000).map(text -> text.getBytes(StandardCharsets.UTF_8)),
                FuzzInputs.syntaxSoup(VOCABULARY).map(text -> text.getBytes(StandardCharsets.UTF_8)),
                FuzzInputs.mutationsOf(VALID),
                FuzzInputs.mutationsOf(VALID.replace("openapi: 3.0.3", "openapi: 3.1.0")));
    }
}
