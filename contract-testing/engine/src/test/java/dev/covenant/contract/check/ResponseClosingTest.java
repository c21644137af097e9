package dev.covenant.contract.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.pact.Pacts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which response objects a consumer may not add fields to. Each rule was measured against
 * openapi-pact-comparator 2.3.1 (docs/benchmarks/pact-check.md), so findings read the same.
 */
class ResponseClosingTest {

    private static JsonNode tree(String text) {
        return OpenApiDocuments.readTree(text.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }

    /** Codes found for one response body against one response schema (given as JSON). */
    private static List<String> codes(String schemaJson, String bodyJson) {
        String document = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{\"/a\":{\"get\":"
                + "{\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":{\"schema\":"
                + schemaJson + "}}}}}}}}";
        String pact = "{\"consumer\":{\"name\":\"c\"},\"provider\":{\"name\":\"p\"},\"interactions\":[{\"description\":\"d\","
                + "\"request\":{\"method\":\"GET\",\"path\":\"/a\"},\"response\":{\"status\":200,\"body\":" + bodyJson + "}}]}";
        return PactChecker.check(tree(document), Pacts.parse(tree(pact)), CheckOptions.defaults()).findings().stream()
                .map(PactFinding::code).toList();
    }

    @Test
    void plainObjectAcceptsNoUndeclaredField() {
        assertThat(codes("{\"type\":\"object\"}", "{\"z\":1}")).containsExactly("response.body.incompatible");
    }

    @Test
    void nullableObjectStaysOpen() {
        assertThat(codes("{\"type\":\"object\",\"nullable\":true}", "{\"z\":1}")).isEmpty();
    }

    @Test
    void propertiesWithoutTypeStayOpen() {
        assertThat(codes("{\"properties\":{\"a\":{\"type\":\"string\"}}}", "{\"a\":\"x\",\"z\":1}")).isEmpty();
    }

    @Test
    void requiredFieldsMayBeOmitted() {
        assertThat(codes("{\"type\":\"object\",\"required\":[\"a\"],\"properties\":{\"a\":{\"type\":\"string\"}}}", "{}"))
                .isEmpty();
    }

    @Test
    void allOfBranchesAreClosedByTheirCombination() {
        String schema = """
                {"allOf":[{"properties":{"a":{"type":"object","properties":{"x":{"type":"string"}}}}},
                          {"properties":{"a":{"properties":{"y":{"type":"string"}}}}}]}
                """;
        assertThat(codes(schema, "{\"a\":{\"x\":\"1\",\"y\":\"2\"}}")).isEmpty();
    }

    @Test
    void closedAlternativesAreToldApartByTheirFields() {
        String schema = """
                {"oneOf":[{"type":"object","properties":{"a":{"type":"string"}}},{"type":"object"}]}
                """;
        assertThat(codes(schema, "{\"a\":\"x\"}")).isEmpty();
    }

    @Test
    void discriminatorLeavesNonObjectsToTheAlternatives() {
        String document = """
                {"openapi":"3.0.3","info":{"title":"t","version":"1"},
                 "paths":{"/a":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":
                   {"oneOf":[{"$ref":"#/components/schemas/List"},{"$ref":"#/components/schemas/File"}],
                    "discriminator":{"propertyName":"type"}}}}}}}}},
                 "components":{"schemas":{
                   "List":{"type":"array","items":{"type":"string"}},
                   "File":{"type":"object","properties":{"type":{"type":"string"},"size":{"type":"integer"}}}}}}
                """;
        String pact = """
                {"consumer":{"name":"c"},"provider":{"name":"p"},"interactions":[
                  {"description":"list","request":{"method":"GET","path":"/a"},"response":{"status":200,"body":["x"]}},
                  {"description":"file","request":{"method":"GET","path":"/a"},"response":{"status":200,"body":{"type":"File","size":1}}},
                  {"description":"bad","request":{"method":"GET","path":"/a"},"response":{"status":200,"body":{"type":"Dir"}}}]}
                """;
        CheckReport report = PactChecker.check(tree(document), Pacts.parse(tree(pact)), CheckOptions.defaults());

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.interaction().description()).isEqualTo("bad");
            assertThat(finding.message()).contains("value of tag \"type\"");
            assertThat(finding.specPointer()).endsWith("/schema/discriminator");
        });
    }
}
