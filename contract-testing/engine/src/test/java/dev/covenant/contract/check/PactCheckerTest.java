package dev.covenant.contract.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.pact.Pacts;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PactCheckerTest {

    private static JsonNode tree(String text) {
        return OpenApiDocuments.readTree(text.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }

    private static final String PETS = """
            openapi: 3.0.3
            info: {title: pets, version: '1'}
            servers: [{url: 'https://api.example.com/v1'}]
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
              /pets:
                post:
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Pet'}
                  responses:
                    '201': {description: created}
            components:
              schemas:
                Pet:
                  type: object
                  required: [id, name]
                  properties:
                    id: {type: integer, readOnly: true}
                    name: {type: string}
                    tag: {type: string, nullable: true}
            """;

    private static CheckReport check(String document, String interactions) {
        return PactChecker.check(tree(document), Pacts.parse(tree("{\"consumer\":{\"name\":\"c\"},\"provider\":{\"name\":\"p\"},"
                + "\"interactions\":" + interactions + "}")), CheckOptions.defaults());
    }

    @Test
    void consumerMayOnlyRelyOnDeclaredResponseFields() {
        CheckReport report = check(PETS, """
                [{"description":"get","request":{"method":"GET","path":"/v1/pets/1"},
                  "response":{"status":200,"headers":{"Content-Type":"application/json"},"body":{"name":"Rex","colour":"red"}}}]
                """);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo("response.body.incompatible");
            assertThat(finding.type()).isEqualTo(FindingType.ERROR);
            assertThat(finding.interaction().description()).isEqualTo("get");
            assertThat(finding.mockPointer()).isEqualTo("[root].interactions[0].response.body");
            assertThat(finding.specPointer()).startsWith("/components/schemas/Pet");
        });
    }

    @Test
    void nullableFieldsAndOmittedFieldsAreFineInResponses() {
        CheckReport report = check(PETS, """
                [{"description":"get","request":{"method":"GET","path":"/pets/1"},
                  "response":{"status":200,"body":{"name":"Rex","tag":null}}}]
                """);

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void readOnlyPropertiesAreNotRequiredInRequests() {
        CheckReport report = check(PETS, """
                [{"description":"create","request":{"method":"POST","path":"/pets","headers":{"Content-Type":"application/json"},
                  "body":{"name":"Rex"}},"response":{"status":201}}]
                """);

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void pathParametersMustMatchTheirSchemaToRoute() {
        CheckReport report = check(PETS, """
                [{"description":"get","request":{"method":"GET","path":"/pets/rex"},"response":{"status":200}}]
                """);

        assertThat(report.findings()).extracting(PactFinding::code).containsExactly("request.path-or-method.unknown");
    }

    @Test
    void messageInteractionsAreReportedAsNotApplicable() {
        CheckReport report = check(PETS, "[{\"type\":\"Asynchronous/Messages\",\"description\":\"pet created\"}]");

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo("interaction.type.unsupported");
            assertThat(finding.type()).isEqualTo(FindingType.WARNING);
        });
    }

    @Test
    void shouldNeverFetchARemoteSchema() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            server.setSoTimeout(200);
            String document = PETS.replace("schema: {$ref: '#/components/schemas/Pet'}\n              /pets:",
                    "schema: {$ref: 'http://127.0.0.1:" + server.getLocalPort() + "/pet.json'}\n              /pets:");

            CheckReport report = check(document, """
                    [{"description":"get","request":{"method":"GET","path":"/pets/1"},
                      "response":{"status":200,"body":{"name":"Rex"}}}]
                    """);

            assertThat(report.findings()).isEmpty();
            boolean connected;
            try (var ignored = server.accept()) {
                connected = true;
            } catch (SocketTimeoutException expected) {
                connected = false;
            }
            assertThat(connected).as("the validator opened a connection").isFalse();
        }
    }

    @Test
    void patternsAreStillEnforced() {
        String document = PETS.replace("name: {type: string}", "name: {type: string, pattern: '^[A-Z]'}");

        CheckReport report = check(document, """
                [{"description":"create","request":{"method":"POST","path":"/pets","headers":{"Content-Type":"application/json"},
                  "body":{"name":"rex"}},"response":{"status":201}}]
                """);

        assertThat(report.findings()).extracting(PactFinding::code).containsExactly("request.body.incompatible");
    }

    @Test
    void base64EncodedJsonBodiesAreDecodedBeforeValidation() {
        String body = java.util.Base64.getEncoder().encodeToString("{\"name\":1}".getBytes(StandardCharsets.UTF_8));

        CheckReport report = check(PETS, """
                [{"type":"Synchronous/HTTP","description":"create",
                  "request":{"method":"POST","path":"/pets","headers":{"Content-Type":["application/json"]},
                             "body":{"content":"%s","contentType":"application/json","encoded":"base64"}},
                  "response":{"status":201}}]
                """.formatted(body));

        assertThat(report.findings()).singleElement().satisfies(finding ->
                assertThat(finding.mockPointer()).isEqualTo("[root].interactions[0].request.body.name"));
    }
}
