package dev.covenant.contract.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.contract.check.ExchangeChecker;
import dev.covenant.contract.check.PactFinding;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.pact.HttpResponse;
import dev.covenant.contract.pact.PactBody;
import dev.covenant.contract.stub.StubEngine;
import dev.covenant.contract.stub.StubRequest;
import dev.covenant.contract.stub.StubResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing (Jazzer) of a stub's routing and request validation, and of the response check the drift
 * check runs on what a provider answers: any request gets an answer (a documented response, or a problem document
 * for 4xx), any response gets findings; nothing throws, within 60 s per input. The normal test run replays the
 * inputs under {@code StubFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (docs/benchmarks/fuzz.sh).
 */
class StubFuzzTest {

    private static final Duration PER_INPUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Path, query, header and body parameters, security, a recursive schema, several media types. */
    private static final String DOCUMENT = """
            openapi: 3.0.3
            info: {title: Fuzzed, version: '1'}
            security: [{key: []}]
            paths:
              /items/{id}:
                parameters:
                  - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
                get:
                  parameters:
                    - {name: fields, in: query, style: form, explode: false, schema: {type: array, items: {type: string, enum: [a, b]}}}
                    - {name: filter, in: query, style: deepObject, schema: {type: object, properties: {min: {type: number}}}}
                    - {name: X-Trace, in: header, schema: {type: string, pattern: '^[0-9a-f]{4,16}$'}}
                  responses:
                    '200':
                      description: ok
                      headers: {X-Rate: {schema: {type: integer}}}
                      content:
                        application/json: {schema: {$ref: '#/components/schemas/Node'}}
                        text/plain: {schema: {type: string}}
                    '404': {description: none}
                put:
                  requestBody:
                    required: true
                    content:
                      application/json: {schema: {$ref: '#/components/schemas/Node'}}
                      application/x-www-form-urlencoded: {schema: {type: object, required: [name], properties: {name: {type: string, maxLength: 8}}}}
                  responses:
                    '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}
                    '400': {description: refused}
              /items/{id}/{part}.{format}:
                get:
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: string}}
                    - {name: part, in: path, required: true, schema: {type: string, enum: [head, tail]}}
                    - {name: format, in: path, required: true, schema: {type: string}}
                  responses:
                    '2XX': {description: ok, content: {'*/*': {schema: {type: string, format: byte}}}}
            components:
              securitySchemes:
                key: {type: apiKey, in: header, name: X-Key}
              schemas:
                Node:
                  type: object
                  required: [name]
                  properties:
                    name: {type: string, minLength: 1}
                    kind: {type: string, enum: [leaf, branch], nullable: true}
                    at: {type: string, format: date-time}
                    children: {type: array, maxItems: 3, items: {$ref: '#/components/schemas/Node'}}
                    size: {oneOf: [{type: integer}, {type: string, pattern: '^[0-9]+[kM]$'}]}
                  additionalProperties: false
            """;

    private static final JsonNode TREE = OpenApiDocuments.readTree(DOCUMENT.getBytes(StandardCharsets.UTF_8),
            DocumentLimits.DEFAULTS);
    private static final StubEngine ENGINE = StubEngine.forDocument(TREE);
    private static final ExchangeChecker CHECKER = ExchangeChecker.forDocument(TREE);

    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "HEAD", "OPTIONS", "PATCH");
    private static final List<String> PATHS = List.of("/items/1", "/items/", "/items/1/head.json", "/items/%2F",
            "/items/1e999999", "/items/-1", "//items/1", "/items/1/tail.", "/");
    private static final List<String> HEADERS = List.of("Content-Type", "Accept", "Prefer", "X-Key", "X-Trace",
            "Authorization");
    private static final List<String> VALUES = List.of("application/json", "text/plain", "*/*",
            "application/x-www-form-urlencoded", "code=404", "code=999", "example=none", "code=200, example=x",
            "application/json;q=0", "abcd", "", "{\"name\":\"a\"}", "name=abcdefghij");
    /** Statuses the document never documents: only the stub's own refusals answer them. */
    private static final java.util.Set<Integer> REFUSALS = java.util.Set.of(401, 405, 406, 413, 415, 422);
    private static final List<String> KEYS = List.of("name", "kind", "children", "size", "at", "extra");

    @FuzzTest(maxDuration = "2m")
    void anyRequestIsAnsweredWithADocumentedResponseOrAProblem(FuzzedDataProvider data) {
        assertTimeoutPreemptively(PER_INPUT, () -> answer(data));
    }

    private static void answer(FuzzedDataProvider data) {
        String method = data.consumeBoolean() ? data.pickValue(METHODS) : data.consumeString(8);
        String path = data.consumeBoolean() ? data.pickValue(PATHS) : "/" + data.consumeString(40);
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            String name = data.pickValue(List.of("fields", "filter[min]", "filter", "x", data.consumeString(6)));
            query.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(data.consumeString(20));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            headers.put(data.pickValue(HEADERS), data.consumeBoolean() ? data.pickValue(VALUES) : data.consumeString(30));
        }
        byte[] body = data.consumeBoolean() ? new JsonTrees(data, KEYS, VALUES).node(3).toString()
                .getBytes(StandardCharsets.UTF_8) : data.consumeBytes(200);
        StubResponse response = ENGINE.handle(new StubRequest(method, path, query, headers, body));
        assertThat(response.status()).isBetween(100, 599);
        boolean problem = "application/problem+json".equals(response.headers().get("Content-Type"));
        if (REFUSALS.contains(response.status())) {
            assertThat(problem).as("a %d is a problem document", response.status()).isTrue();
        }
        if (problem) {
            assertThat(problem(response.body()).path("status").asInt()).isEqualTo(response.status());
        }
    }

    /** What the drift check does with a provider's answer: read the body as JSON when it is, then check it. */
    @FuzzTest(maxDuration = "2m")
    void anyProviderResponseIsCheckedWithFindings(FuzzedDataProvider data) {
        assertTimeoutPreemptively(PER_INPUT, () -> check(data));
    }

    private static void check(FuzzedDataProvider data) {
        String path = data.pickValue(PATHS);
        String method = data.pickValue(METHODS);
        int status = data.consumeBoolean() ? data.pickValue(List.of(200, 204, 404, 500)) : data.consumeInt(0, 999);
        Map<String, String> headers = new LinkedHashMap<>();
        String contentType = data.consumeBoolean() ? data.pickValue(VALUES) : data.consumeString(20);
        headers.put("Content-Type", contentType);
        if (data.consumeBoolean()) {
            headers.put("X-Rate", data.consumeString(10));
        }
        JsonNode body = data.consumeBoolean() ? new JsonTrees(data, KEYS, VALUES).node(4) : readOrText(data.consumeBytes(300));
        List<PactFinding> findings = CHECKER.checkResponse(method, path,
                new HttpResponse(status, headers, new PactBody(body, contentType, false)));
        assertThat(findings).allSatisfy(finding -> assertThat(finding.message()).isNotBlank());
    }

    private static JsonNode readOrText(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static JsonNode problem(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("a problem body that is not JSON: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }
}
