package dev.covenant.contract.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.contract.diff.DiffOptions;
import dev.covenant.contract.diff.DiffReport;
import dev.covenant.contract.diff.Finding;
import dev.covenant.contract.diff.OpenApiDiff;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A lenient read hands the diff documents that the structural check would have refused: the diff must take
 * them (both as base and as revision) and still report the change it is there to report.
 */
class SloppyDocumentsTest {

    static final String BASE = """
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
              /other:
                get:
                  responses: {'204': {description: none}}
            components:
              schemas:
                Item:
                  type: object
                  required: [id]
                  properties: {id: {type: string}, tags: {type: array, items: {type: string}}}
            """;

    /** Each a structural problem real documents have, or a wrong type the check used to refuse. */
    static Stream<String> sloppyRevisions() {
        return Stream.of(
                BASE.replace("          description: an item\n", ""),
                BASE.replace("info: {title: Items, version: '1'}", "info: {version: '1'}"),
                BASE.replace("parameters: [{name: id, in: path, required: true, schema: {type: string}}]", "parameters: []"),
                BASE.replace("'#/components/schemas/Item'", "'#/components/schemas/Missing'"),
                BASE.replace("responses: {'204': {description: none}}", "responses: none"),
                BASE.replace("responses: {'204': {description: none}}", "responses: [1, 2]"),
                BASE.replace("properties: {id: {type: string}, tags: {type: array, items: {type: string}}}",
                        "properties: [id, tags]"),
                BASE.replace("required: [id]", "required: id"),
                BASE.replace("schema: {type: string}}]", "schema: string}]"),
                BASE.replace("  /other:\n    get:\n", "  /other:\n    get: 7\n    put:\n"));
    }

    static ParsedDocument read(String yaml) {
        return OpenApiDocuments.parse(yaml.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }

    @ParameterizedTest
    @MethodSource("sloppyRevisions")
    void theDiffTakesSloppyDocumentsEitherWayAndStillReportsARemovedOperation(String sloppy) {
        ParsedDocument revision = read(sloppy.replace("  /other:\n", "  /renamed:\n"));
        ParsedDocument base = read(BASE);

        assertThat(revision.warnings()).as("the problem is reported as a warning").isNotEmpty();
        DiffReport forward = OpenApiDiff.diff(base, revision, DiffOptions.defaults());
        DiffReport backward = OpenApiDiff.diff(revision, base, DiffOptions.defaults());
        assertThat(forward.findings()).extracting(Finding::ruleId).contains("api-path-removed-without-deprecation");
        assertThat(backward.findings()).extracting(Finding::ruleId).contains("endpoint-added");
    }
}
