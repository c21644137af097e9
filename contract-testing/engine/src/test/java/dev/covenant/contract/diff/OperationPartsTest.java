package dev.covenant.contract.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Request bodies, media types, response headers and security of one operation. */
class OperationPartsTest {

    private static JsonNode operation(String yaml) {
        String document = """
                openapi: 3.0.3
                info: {title: t, version: "1"}
                components:
                  securitySchemes:
                    key: {type: apiKey, in: header, name: X-Key}
                    oauth:
                      type: oauth2
                      flows:
                        clientCredentials:
                          tokenUrl: https://example.org/token
                          scopes: {read: read things, write: write things}
                paths:
                  /pets:
                    post:
                %s""".formatted(yaml.indent(6));
        return OpenApiDocuments.readTree(document.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }

    private static DiffReport diff(String base, String revision) {
        return OpenApiDiff.diff(operation(base), operation(revision), DiffOptions.defaults());
    }

    private static final String RESPONSES = """
            responses:
              "200":
                description: ok
                headers:
                  X-Rate-Limit: {required: true, schema: {type: integer}}
                content:
                  application/json: {schema: {type: object}}
                  application/xml: {schema: {type: object}}
            """;

    @Test
    void addingARequiredRequestBodyIsBreaking() {
        DiffReport report = diff(RESPONSES, """
                requestBody:
                  required: true
                  content:
                    application/json: {schema: {type: object}}
                """ + RESPONSES);
        assertThat(report.breaking()).extracting(Finding::ruleId).containsExactly("request-body-added-required");
    }

    @Test
    void removingAResponseMediaTypeIsBreaking() {
        DiffReport report = diff(RESPONSES, RESPONSES.replace("      application/xml: {schema: {type: object}}\n", ""));
        assertThat(report.breaking()).extracting(Finding::ruleId).containsExactly("response-media-type-removed");
        assertThat(report.breaking().get(0).basePointer())
                .isEqualTo("/paths/~1pets/post/responses/200/content/application~1xml");
    }

    @Test
    void removingARequiredResponseHeaderIsBreaking() {
        DiffReport report = diff(RESPONSES, RESPONSES.replace(
                "      X-Rate-Limit: {required: true, schema: {type: integer}}\n", "      X-Other: {schema: {type: string}}\n"));
        assertThat(report.breaking()).extracting(Finding::ruleId).containsExactly("required-response-header-removed");
        assertThat(report.reports("response-header-added")).isTrue();
    }

    @Test
    void aResponseHeaderTypeChangeIsBreaking() {
        DiffReport report = diff(RESPONSES, RESPONSES.replace("schema: {type: integer}", "schema: {type: string}"));
        assertThat(report.breaking()).extracting(Finding::ruleId).containsExactly("response-header-type-changed");
    }

    @Test
    void securityRequirementsAndScopesAreCompared() {
        DiffReport report = diff("security: [{oauth: [read]}]\n" + RESPONSES,
                "security: [{oauth: [read, write]}, {key: []}]\n" + RESPONSES);
        assertThat(report.findings()).extracting(Finding::ruleId)
                .containsExactlyInAnyOrder("api-security-scope-added", "api-security-added");
    }

    @Test
    void aRequestPropertyThatBecameReadOnlyIsReported() {
        String body = """
                requestBody:
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          id: {type: string%s}
                """;
        DiffReport report = diff(body.formatted("") + RESPONSES, body.formatted(", readOnly: true") + RESPONSES);
        assertThat(report.findings()).extracting(Finding::ruleId)
                .containsExactly("request-optional-property-became-read-only");
    }
}
