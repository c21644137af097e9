package dev.covenant.contract.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.InvalidDocumentException;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.contract.openapi.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the document parser (Jazzer): whatever the bytes, {@link OpenApiDocuments#parse}
 * returns a document or refuses it with {@link InvalidDocumentException} and at least one problem; never another
 * exception, a stack overflow or a hang (60 s per input). The normal test run replays the inputs under
 * {@code OpenApiDocumentsFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (docs/benchmarks/fuzz.sh). The dictionary
 * {@code openapi.dict} holds the YAML/JSON syntax and OpenAPI words the fuzzer splices into its mutations.
 */
class OpenApiDocumentsFuzzTest {

    /**
     * The time limit of one input, in fuzzing and in the regression run: more is a hang, reported with the input.
     * Generous, as the first input also pays for loading (and, when fuzzing, instrumenting) the code under test.
     */
    private static final Duration PER_INPUT = Duration.ofSeconds(60);

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

    private static final DocumentLimits LIMITS = DocumentLimits.DEFAULTS.withMaxBytes(64 * 1024);

    @DictionaryFile(resourcePath = "/dev/covenant/contract/fuzz/openapi.dict")
    @FuzzTest(maxDuration = "2m")
    void anyInputIsParsedOrRefusedWithReasons(byte[] input) {
        assertTimeoutPreemptively(PER_INPUT, () -> parseOrRefuse(input));
    }

    private static void parseOrRefuse(byte[] input) {
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

    /** Found by Jazzer (PactsFuzzTest): a quoted string ending in an incomplete escape made SnakeYAML throw. */
    @Test
    void anIncompleteEscapeAtTheEndIsRefusedWithAReason() {
        byte[] document = "\"\\u".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> OpenApiDocuments.parse(document, LIMITS))
                .isInstanceOfSatisfying(InvalidDocumentException.class, refused -> assertThat(refused.problems())
                        .anySatisfy(problem -> assertThat(problem.message()).contains("escape sequence")));
        assertThatThrownBy(() -> OpenApiDocuments.readTree(document, LIMITS))
                .isInstanceOf(InvalidDocumentException.class);
    }

    /** Found by fuzz.sh's random inputs: a YAML tag with a broken %-escape made SnakeYAML throw. */
    @Test
    void aTagWithABrokenEscapeIsRefusedWithAReason() {
        byte[] document = "!p%e".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> OpenApiDocuments.parse(document, LIMITS))
                .isInstanceOfSatisfying(InvalidDocumentException.class, refused -> assertThat(refused.problems())
                        .anySatisfy(problem -> assertThat(problem.message()).startsWith("the YAML is malformed")));
    }

    /**
     * Found by fuzzing: a '%' that starts no escape in a local $ref made the URL decoder throw. A lenient
     * read reports it as a warning; strict validation refuses it.
     */
    @Test
    void aReferenceWithABrokenEscapeIsRefusedWithAReason() {
        byte[] document = VALID.replace("#/components/schemas/Item", "#/c%omponents/schemas/Item")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(OpenApiDocuments.parse(document, LIMITS).warnings())
                .anySatisfy(problem -> assertThat(problem.message()).contains("not a valid URI fragment"));
        assertThatThrownBy(() -> OpenApiDocuments.parse(document, LIMITS, Validation.STRICT))
                .isInstanceOfSatisfying(InvalidDocumentException.class, refused -> assertThat(refused.problems())
                        .anySatisfy(problem -> assertThat(problem.message()).contains("not a valid URI fragment")));
    }
}
