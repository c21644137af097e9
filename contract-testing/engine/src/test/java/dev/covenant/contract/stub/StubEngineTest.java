package dev.covenant.contract.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StubEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DOCUMENT = """
            openapi: 3.0.3
            info: {title: Pets, version: '1'}
            paths:
              /pets:
                get:
                  parameters:
                    - {name: limit, in: query, required: true, schema: {type: integer, minimum: 1, maximum: 50}}
                    - {name: X-Tenant, in: header, required: true, schema: {type: string}}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
                        text/plain:
                          schema: {type: string, example: a pet list}
                    '404':
                      description: none
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Error'}
                          examples:
                            gone: {value: {code: 404, message: gone}}
                            missing: {value: {code: 404, message: never was}}
                post:
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Pet'}
                  responses:
                    '201':
                      description: created
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Pet'}
              /pets/{id}:
                get:
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: integer}}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Pet'}
            components:
              schemas:
                Pet:
                  type: object
                  required: [id, name, kind, born, secret]
                  properties:
                    id: {type: integer, readOnly: true, minimum: 7}
                    name: {type: string, minLength: 12, maxLength: 20}
                    kind: {type: string, enum: [cat, dog]}
                    born: {type: string, format: date}
                    tag: {type: string, pattern: '^[A-Z]{3}-\\d{4}$'}
                    secret: {type: string, writeOnly: true}
                    parent: {$ref: '#/components/schemas/Pet'}
                Error:
                  type: object
                  required: [code, message]
                  properties:
                    code: {type: integer}
                    message: {type: string}
            """;

    private final StubEngine stub = StubEngine.forDocument(
            OpenApiDocuments.readTree(DOCUMENT.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS));

    @Test
    void unknownPathIs404NamingCandidates() throws Exception {
        StubResponse response = stub.handle(get("/pots/1", Map.of(), Map.of()));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        assertThat(body(response).path("candidates").toString()).contains("/pets/{id}");
    }

    @Test
    void knownPathWithOtherMethodIs405NamingAllowedMethods() throws Exception {
        StubResponse response = stub.handle(new StubRequest("DELETE", "/pets", Map.of(), Map.of(), null));
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "GET, POST");
        assertThat(body(response).path("allowed").toString()).isEqualTo("[\"GET\",\"POST\"]");
    }

    @Test
    void invalidRequestIs422WithEveryViolation() throws Exception {
        StubResponse response = stub.handle(get("/pets", Map.of("limit", List.of("500")), Map.of()));
        assertThat(response.status()).isEqualTo(422);
        JsonNode violations = body(response).path("violations");
        assertThat(violations).hasSize(2);
        assertThat(violations.toString()).contains("request.query.incompatible", "request.header.incompatible");
        assertThat(violations.get(0).path("pointer").asText()).startsWith("/paths/~1pets/get/parameters/");
    }

    @Test
    void missingRequiredBodyAndWrongBodyTypeAreRefused() throws Exception {
        StubResponse missing = stub.handle(new StubRequest("POST", "/pets", Map.of(), Map.of(), null));
        assertThat(missing.status()).isEqualTo(422);
        StubResponse wrong = stub.handle(new StubRequest("POST", "/pets", Map.of(),
                Map.of("Content-Type", "application/json"),
                "{\"name\":\"a name long enough\",\"kind\":\"cow\",\"born\":\"2020-01-01\",\"secret\":\"s\"}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(body(wrong).path("violations").toString()).contains("request.body.incompatible");
    }

    @Test
    void generatedInstanceHonoursTheSchemaAndIsDeterministic() throws Exception {
        StubResponse first = stub.handle(get("/pets/3", Map.of(), Map.of()));
        StubResponse second = stub.handle(get("/pets/3", Map.of(), Map.of()));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.bodyText()).isEqualTo(second.bodyText());
        JsonNode pet = body(first);
        assertThat(pet.path("id").asInt()).isGreaterThanOrEqualTo(7);
        assertThat(pet.path("name").asText().length()).isBetween(12, 20);
        assertThat(pet.path("kind").asText()).isIn("cat", "dog");
        assertThat(pet.path("born").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(pet.path("tag").asText()).matches("[A-Z]{3}-\\d{4}");
        assertThat(pet.has("secret")).as("writeOnly is left out of responses").isFalse();
    }

    @Test
    void preferCodeAndExampleSelectADocumentedResponse() throws Exception {
        Map<String, List<String>> query = Map.of("limit", List.of("5"));
        StubResponse missing = stub.handle(get("/pets", query, Map.of("X-Tenant", "t", "Prefer", "code=404, example=missing")));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(body(missing).path("message").asText()).isEqualTo("never was");
        StubResponse unknown = stub.handle(get("/pets", query, Map.of("X-Tenant", "t", "Prefer", "code=404, example=nope")));
        assertThat(body(unknown).path("examples").toString()).contains("gone", "missing");
        StubResponse undocumented = stub.handle(get("/pets", query, Map.of("X-Tenant", "t", "Prefer", "code=418")));
        assertThat(undocumented.status()).isEqualTo(404);
        assertThat(body(undocumented).path("documented").toString()).contains("200", "404");
    }

    @Test
    void acceptChoosesTheMediaType() {
        Map<String, List<String>> query = Map.of("limit", List.of("5"));
        StubResponse text = stub.handle(get("/pets", query, Map.of("X-Tenant", "t", "Accept", "text/plain")));
        assertThat(text.headers()).containsEntry("Content-Type", "text/plain");
        assertThat(text.bodyText()).isEqualTo("a pet list");
        StubResponse none = stub.handle(get("/pets", query, Map.of("X-Tenant", "t", "Accept", "image/png")));
        assertThat(none.status()).isEqualTo(406);
    }

    @Test
    void hostileRequestsAreAnsweredNotThrown() {
        List<StubRequest> hostile = List.of(
                new StubRequest("GET", "/pets/%zz", Map.of(), Map.of(), null),
                new StubRequest("GET", "", Map.of(), Map.of(), null),
                new StubRequest("BREW", "/pets", Map.of(), Map.of(), null),
                new StubRequest("GET", "/pets/" + "9".repeat(5000), Map.of(), Map.of(), null),
                new StubRequest("POST", "/pets", Map.of(), Map.of("Content-Type", "application/json"),
                        "{\"name\": [[[[[[[[".getBytes(StandardCharsets.UTF_8)),
                new StubRequest("POST", "/pets", Map.of(), Map.of("Content-Type", "text/html; charset=\u0000"),
                        new byte[] {(byte) 0xff, (byte) 0xfe}),
                get("/pets", Map.of("limit", List.of("1e999999")), Map.of("X-Tenant", "t", "Accept", ";;;,q=x",
                        "Prefer", "code=,example=")));
        for (StubRequest request : hostile) {
            StubResponse response = stub.handle(request);
            assertThat(response.status()).as(request.method() + " " + request.path()).isBetween(200, 499);
        }
    }

    private static StubRequest get(String path, Map<String, List<String>> query, Map<String, String> headers) {
        return new StubRequest("GET", path, query, headers, null);
    }

    private static JsonNode body(StubResponse response) throws Exception {
        return JSON.readTree(response.body());
    }
}
