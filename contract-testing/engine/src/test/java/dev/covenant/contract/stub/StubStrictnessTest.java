package dev.covenant.contract.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.contract.check.ExchangeChecker;
import dev.covenant.contract.check.FindingType;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.pact.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a stub refuses beyond the pact check, as Prism does: string formats in parameters and bodies (422 with the
 * pointer), missing credentials (401 with {@code WWW-Authenticate}), a path parameter of the wrong type (422
 * naming it, not 404); and a valid request passes.
 */
class StubStrictnessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DOCUMENT = """
            openapi: 3.0.3
            info: {title: Items, version: '1'}
            security: [{bearer: []}]
            paths:
              /items/{id}:
                get:
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: integer}}
                    - {name: since, in: query, schema: {type: string, format: date}}
                    - {name: at, in: query, schema: {type: string, format: date-time}}
                    - {name: trace, in: query, schema: {type: string, format: uuid}}
                    - {name: X-Origin, in: header, schema: {type: string, format: ipv4}}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Item'}
              /tokens/{token}:
                get:
                  parameters:
                    - {name: token, in: path, required: true, schema: {type: string, format: uuid}}
                  responses:
                    '204': {description: ok}
              /items:
                post:
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Item'}
                  responses:
                    '201':
                      description: created
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Item'}
              /basic:
                get:
                  security: [{basic: []}, {key: []}]
                  responses:
                    '204': {description: ok}
              /keyed:
                get:
                  security: [{queryKey: []}]
                  responses:
                    '204': {description: ok}
              /open:
                get:
                  security: []
                  parameters:
                    - {name: site, in: query, schema: {type: string, format: uri}}
                  responses:
                    '204': {description: ok}
            components:
              securitySchemes:
                bearer: {type: http, scheme: bearer}
                basic: {type: http, scheme: basic}
                key: {type: apiKey, in: header, name: X-Api-Key}
                queryKey: {type: apiKey, in: query, name: api_key}
              schemas:
                Item:
                  type: object
                  required: [name, contact]
                  properties:
                    id: {type: integer, readOnly: true}
                    name: {type: string}
                    contact: {type: string, format: email}
                    born: {type: string, format: date}
            """;

    private static final JsonNode TREE = OpenApiDocuments.readTree(DOCUMENT.getBytes(StandardCharsets.UTF_8),
            DocumentLimits.DEFAULTS);
    private final StubEngine stub = StubEngine.forDocument(TREE);
    private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer t0k3n");

    private static StubRequest get(String path, Map<String, List<String>> query, Map<String, String> headers) {
        return new StubRequest("GET", path, query, headers, null);
    }

    private static StubRequest post(String body) {
        return new StubRequest("POST", "/items", Map.of(),
                Map.of("Authorization", "Bearer t0k3n", "Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode body(StubResponse response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void validRequestsPass() throws Exception {
        StubResponse get = stub.handle(get("/items/12", Map.of("since", List.of("2024-02-29"),
                "at", List.of("2024-02-29T10:00:00Z"), "trace", List.of("123e4567-e89b-12d3-a456-426614174000")),
                Map.of("Authorization", "Bearer t0k3n", "X-Origin", "10.1.2.3")));
        assertThat(get.status()).as(get.bodyText()).isEqualTo(200);
        assertThat(body(get).path("contact").asText()).contains("@");
        StubResponse created = stub.handle(post("{\"name\":\"n\",\"contact\":\"a@example.com\",\"born\":\"2001-01-01\"}"));
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        assertThat(stub.handle(get("/tokens/123e4567-e89b-12d3-a456-426614174000", Map.of(), AUTH)).status())
                .isEqualTo(204);
        assertThat(stub.handle(get("/basic", Map.of(), Map.of("X-Api-Key", "k"))).status()).isEqualTo(204);
        assertThat(stub.handle(get("/keyed", Map.of("api_key", List.of("k")), Map.of())).status()).isEqualTo(204);
        assertThat(stub.handle(get("/open", Map.of("site", List.of("https://example.com/a")), Map.of())).status())
                .isEqualTo(204);
    }

    @ParameterizedTest(name = "{0}={1} is refused at {2}")
    @CsvSource({
        "since, yesterday, /query/since, /paths/~1items~1{id}/get/parameters/1/schema/format",
        "at, 2024-02-29 10:00, /query/at, /paths/~1items~1{id}/get/parameters/2/schema/format",
        "trace, not-a-uuid, /query/trace, /paths/~1items~1{id}/get/parameters/3/schema/format",
    })
    void aQueryValueBreakingItsFormatIs422WithThePointer(String name, String value, String location, String pointer)
            throws Exception {
        StubResponse response = stub.handle(get("/items/12", Map.of(name, List.of(value)), AUTH));
        assertThat(response.status()).as(response.bodyText()).isEqualTo(422);
        JsonNode violation = body(response).path("violations").get(0);
        assertThat(violation.path("code").asText()).isEqualTo("request.query.incompatible");
        assertThat(violation.path("location").asText()).isEqualTo(location);
        assertThat(violation.path("pointer").asText()).isEqualTo(pointer);
        assertThat(body(response).path("violations")).hasSize(1);
    }

    @Test
    void aHeaderAndAUriBreakingTheirFormatsAre422() throws Exception {
        StubResponse header = stub.handle(get("/items/12", Map.of(),
                Map.of("Authorization", "Bearer t", "X-Origin", "999.1.2.3")));
        assertThat(header.status()).isEqualTo(422);
        assertThat(body(header).path("violations").get(0).path("pointer").asText())
                .isEqualTo("/paths/~1items~1{id}/get/parameters/4/schema/format");
        StubResponse uri = stub.handle(get("/open", Map.of("site", List.of("not a uri")), Map.of()));
        assertThat(uri.status()).as(uri.bodyText()).isEqualTo(422);
        assertThat(body(uri).path("violations").get(0).path("location").asText()).isEqualTo("/query/site");
    }

    @Test
    void aBodyFieldBreakingItsFormatIs422WithThePointer() throws Exception {
        StubResponse response = stub.handle(post("{\"name\":\"n\",\"contact\":\"nobody\",\"born\":\"2001-13-45\"}"));
        assertThat(response.status()).as(response.bodyText()).isEqualTo(422);
        JsonNode violations = body(response).path("violations");
        assertThat(violations).hasSize(2);
        assertThat(violations.findValuesAsText("location")).containsExactlyInAnyOrder("/body/contact", "/body/born");
        assertThat(violations.findValuesAsText("pointer")).containsExactlyInAnyOrder(
                "/components/schemas/Item/properties/contact/format",
                "/components/schemas/Item/properties/born/format");
    }

    @Test
    void missingBearerCredentialsAre401WithAChallengeEvenWhenOtherThingsAreWrong() throws Exception {
        StubResponse response = stub.handle(get("/items/12", Map.of("since", List.of("yesterday")), Map.of()));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers()).containsEntry("WWW-Authenticate", "Bearer");
        assertThat(body(response).path("type").asText()).endsWith("/stub-unauthorized");
        assertThat(body(response).path("violations").findValuesAsText("code"))
                .containsExactly("request.authorization.missing");
    }

    @Test
    void missingBasicOrApiKeyCredentialsAre401NamingEveryAcceptedScheme() {
        StubResponse basic = stub.handle(get("/basic", Map.of(), Map.of()));
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.headers().get("WWW-Authenticate"))
                .isEqualTo("Basic realm=\"api\", ApiKey in=\"header\", name=\"X-Api-Key\"");
        StubResponse keyed = stub.handle(get("/keyed", Map.of(), Map.of("X-Api-Key", "wrong place")));
        assertThat(keyed.status()).isEqualTo(401);
        assertThat(keyed.headers().get("WWW-Authenticate")).isEqualTo("ApiKey in=\"query\", name=\"api_key\"");
    }

    @Test
    void aPathParameterOfTheWrongTypeIs422NamingTheParameterNot404() throws Exception {
        StubResponse response = stub.handle(get("/items/abc", Map.of(), AUTH));
        assertThat(response.status()).as(response.bodyText()).isEqualTo(422);
        JsonNode violation = body(response).path("violations").get(0);
        assertThat(violation.path("code").asText()).isEqualTo("request.path.incompatible");
        assertThat(violation.path("location").asText()).isEqualTo("/path/id");
        assertThat(violation.path("message").asText()).contains("'id'");
        assertThat(violation.path("pointer").asText()).isEqualTo("/paths/~1items~1{id}/get/parameters/0/schema/type");

        StubResponse uuid = stub.handle(get("/tokens/xyz", Map.of(), AUTH));
        assertThat(uuid.status()).isEqualTo(422);
        assertThat(body(uuid).path("violations").get(0).path("location").asText()).isEqualTo("/path/token");
        assertThat(stub.handle(new StubRequest("DELETE", "/items/abc", Map.of(), AUTH, null)).status())
                .as("another method on the same template is still 405").isEqualTo(405);
        assertThat(stub.handle(get("/items/12/more", Map.of(), AUTH)).status())
                .as("a path no template fits is still 404").isEqualTo(404);
    }

    @Test
    void thePactChecksCheckerStaysAsLenientAsTheComparator() {
        ExchangeChecker lenient = ExchangeChecker.forDocument(TREE);
        HttpRequest badDate = new HttpRequest("GET", "/items/12", Map.of("since", List.of("yesterday")), AUTH, null);
        assertThat(lenient.checkRequest(badDate)).noneMatch(f -> f.type() == FindingType.ERROR);
        assertThat(lenient.route("GET", "/items/abc")).isInstanceOf(ExchangeChecker.PathUnknown.class);
        assertThat(ExchangeChecker.forStub(TREE).checkRequest(badDate)).anyMatch(f -> f.type() == FindingType.ERROR);
    }
}
