package dev.covenant.contract.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.covenant.contract.openapi.InvalidDocumentException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenApiDocumentsTest {

    static final String PETSTORE_YAML = """
            openapi: 3.0.3
            info:
              title: Pets
              version: "1"
            paths:
              /pets/{id}:
                get:
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: string}}
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Pet'}
            components:
              schemas:
                Pet:
                  type: object
                  properties:
                    id: {type: string}
            """;

    static ParsedDocument parse(String text) {
        return OpenApiDocuments.parse(text.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }

    /** CPU time of this thread, so a loaded machine does not make the time bounds flaky. */
    static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static InvalidDocumentException refusal(String text) {
        try {
            parse(text);
        } catch (InvalidDocumentException e) {
            return e;
        }
        throw new AssertionError("expected the document to be refused");
    }

    @Test
    void parsesYamlAndJsonToTheSameContentAddress() {
        ParsedDocument yaml = parse(PETSTORE_YAML);
        String json = new String(yaml.canonicalJson(), StandardCharsets.UTF_8);
        ParsedDocument fromJson = parse(json);

        assertThat(yaml.format()).isEqualTo(OpenApiFormat.OPENAPI_3_0);
        assertThat(yaml.title()).isEqualTo("Pets");
        assertThat(fromJson.sha256()).isEqualTo(yaml.sha256()).hasSize(64);
    }

    @Test
    void keyOrderAndWhitespaceDoNotChangeTheContentAddress() {
        String a = "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"T\",\"version\":\"1\"},\"paths\":{}}";
        String b = "{ \"paths\": {}, \"info\": {\"version\":\"1\", \"title\":\"T\"},\n \"openapi\": \"3.1.0\" }";
        assertThat(parse(a).sha256()).isEqualTo(parse(b).sha256());
        assertThat(parse(a).format()).isEqualTo(OpenApiFormat.OPENAPI_3_1);
    }

    @Test
    void acceptsSwagger2() {
        ParsedDocument doc = parse("""
                swagger: "2.0"
                info: {title: Old, version: "1"}
                paths:
                  /a:
                    get:
                      responses:
                        "200": {description: ok}
                """);
        assertThat(doc.format()).isEqualTo(OpenApiFormat.SWAGGER_2_0);
    }

    @Test
    void shouldRejectTextThatIsNeitherYamlNorJson() {
        InvalidDocumentException e = refusal("{ not: json, ]");
        assertThat(e.reason()).isEqualTo(Reason.SYNTAX);
        assertThat(e.problems()).first().satisfies(p -> assertThat(p.line()).isEqualTo(1));
    }

    @Test
    void shouldRejectYamlThatIsNotOpenApi() {
        InvalidDocumentException e = refusal("name: just some yaml\nitems: [1, 2]\n");
        assertThat(e.reason()).isEqualTo(Reason.NOT_OPENAPI);
    }

    @Test
    void shouldRejectUnsupportedVersion() {
        InvalidDocumentException e = refusal("openapi: 4.0.0\ninfo: {title: x, version: '1'}\npaths: {}\n");
        assertThat(e.reason()).isEqualTo(Reason.NOT_OPENAPI);
        assertThat(e.problems().get(0).pointer()).isEqualTo("/openapi");
    }

    static final String WITHOUT_TITLE_OR_RESPONSES = """
            openapi: 3.0.3
            info:
              version: "1"
            paths:
              /pets:
                get:
                  description: no responses here
            """;

    static ParsedDocument parse(String text, Validation validation) {
        return OpenApiDocuments.parse(text.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS, validation);
    }

    @Test
    void shouldAcceptAStructurallyInvalidDocumentWithEveryProblemAsALocatedWarning() {
        ParsedDocument document = parse(WITHOUT_TITLE_OR_RESPONSES);

        assertThat(document.tree().at("/paths/~1pets/get/description").asText()).isEqualTo("no responses here");
        assertThat(document.warnings()).extracting(DocumentProblem::pointer)
                .contains("/info/title", "/paths/~1pets/get/responses");
        assertThat(document.warnings()).filteredOn(p -> "/info/title".equals(p.pointer()))
                .first().satisfies(p -> assertThat(p.line()).isEqualTo(2));
    }

    @Test
    void strictValidationRefusesWhatLenientReadingReportsWithPointerAndLine() {
        InvalidDocumentException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidDocumentException.class,
                () -> parse(WITHOUT_TITLE_OR_RESPONSES, Validation.STRICT));
        assertThat(e.reason()).isEqualTo(Reason.SCHEMA);
        assertThat(e.problems()).containsExactlyElementsOf(parse(WITHOUT_TITLE_OR_RESPONSES).warnings());
    }

    @Test
    void noValidationSkipsTheStructuralCheck() {
        ParsedDocument document = parse(WITHOUT_TITLE_OR_RESPONSES, Validation.NONE);
        assertThat(document.warnings()).isEmpty();
        assertThat(document.format()).isEqualTo(OpenApiFormat.OPENAPI_3_0);
    }

    @Test
    void acceptsAResponseWithoutDescriptionAndAnUndeclaredPathParameter() {
        ParsedDocument document = parse("""
                openapi: 3.0.3
                info: {title: t, version: "1"}
                paths:
                  /pets/{id}:
                    get:
                      responses:
                        "200": {content: {application/json: {schema: {type: string}}}}
                """);
        assertThat(document.warnings()).extracting(DocumentProblem::pointer)
                .contains("/paths/~1pets~1{id}/get/responses/200/description");
        assertThat(document.sha256()).hasSize(64);
    }

    @Test
    void openApi31OperationsMayOmitResponses() {
        ParsedDocument document = parse("""
                openapi: 3.1.0
                info: {title: t, version: "1"}
                paths:
                  /pets:
                    post:
                      requestBody: {content: {application/json: {schema: {const: a}}}}
                """, Validation.STRICT);
        assertThat(document.warnings()).isEmpty();
        assertThat(document.format()).isEqualTo(OpenApiFormat.OPENAPI_3_1);
    }

    @Test
    void externalReferencesAreRefusedEvenWithoutValidation() {
        InvalidDocumentException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidDocumentException.class,
                () -> parse(PETSTORE_YAML.replace("'#/components/schemas/Pet'", "'https://127.0.0.1:1/x.yaml'"),
                        Validation.NONE));
        assertThat(e.reason()).isEqualTo(Reason.EXTERNAL_REFERENCE);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema/$ref");
            assertThat(p.line()).isEqualTo(15);
        });
    }

    @Test
    void shouldRejectRemoteAndFileReferencesWithoutFetchingThem() {
        InvalidDocumentException e = refusal("""
                openapi: 3.0.3
                info: {title: t, version: "1"}
                paths:
                  /a:
                    get:
                      responses:
                        "200":
                          $ref: 'http://127.0.0.1:1/evil.yaml#/x'
                  /b:
                    $ref: '/etc/passwd'
                """);
        assertThat(e.reason()).isEqualTo(Reason.EXTERNAL_REFERENCE);
        assertThat(e.problems()).extracting(DocumentProblem::pointer)
                .containsExactlyInAnyOrder("/paths/~1a/get/responses/200/$ref", "/paths/~1b/$ref");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.line()).isNotNull());
    }

    @Test
    void danglingLocalReferenceIsAWarningAndAStrictRefusal() {
        String dangling = PETSTORE_YAML.replace("'#/components/schemas/Pet'", "'#/components/schemas/Nope'");
        assertThat(parse(dangling).warnings()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("does not resolve");
            assertThat(p.line()).isEqualTo(15);
        });
        InvalidDocumentException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidDocumentException.class,
                () -> parse(dangling, Validation.STRICT));
        assertThat(e.reason()).isEqualTo(Reason.SCHEMA);
        assertThat(e.problems().get(0).message()).contains("does not resolve");
    }

    @Test
    void shouldRejectYamlAliasBombQuickly() {
        StringBuilder bomb = new StringBuilder("openapi: 3.0.3\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            bomb.append('a').append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        long start = cpuNanos();
        InvalidDocumentException e = refusal(bomb.toString());
        assertThat(Duration.ofNanos(cpuNanos() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED);
    }

    @Test
    void shouldBoundAliasExpansionEvenUnderTheAliasCount() {
        // 2 aliases per level, 40 levels: 80 aliases but 2^40 nodes once expanded.
        StringBuilder bomb = new StringBuilder("openapi: 3.0.3\nl0: &l0 [x]\n");
        for (int i = 1; i <= 40; i++) {
            bomb.append('l').append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
        }
        long start = cpuNanos();
        InvalidDocumentException e = refusal(bomb.toString());
        assertThat(Duration.ofNanos(cpuNanos() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED);
    }

    @Test
    void shouldRejectDeeplyNestedJsonAndYamlQuickly() {
        String json = "{\"openapi\":\"3.0.3\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        String yaml = "openapi: 3.0.3\nx: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        for (String text : new String[] {json, yaml}) {
            long start = cpuNanos();
            InvalidDocumentException e = refusal(text);
            assertThat(Duration.ofNanos(cpuNanos() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED);
        }
    }

    @Test
    void shouldRefuseOversizedDocumentBeforeParsing() {
        byte[] big = new byte[2048];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThatThrownBy(() -> OpenApiDocuments.parse(big, DocumentLimits.DEFAULTS.withMaxBytes(1024)))
                .isInstanceOfSatisfying(InvalidDocumentException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void shouldRejectDuplicateKeys() {
        InvalidDocumentException json = refusal("{\"openapi\":\"3.0.3\",\"openapi\":\"3.0.3\"}");
        assertThat(json.reason()).as(json.getMessage()).isEqualTo(Reason.SYNTAX);
        assertThat(refusal("openapi: 3.0.3\nopenapi: 3.0.3\n").reason()).isEqualTo(Reason.SYNTAX);
    }

    @Test
    void shouldNotInstantiateJavaTypesFromYamlTags() {
        InvalidDocumentException e = refusal("openapi: 3.0.3\nx: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n");
        assertThat(e.reason()).isEqualTo(Reason.SYNTAX);
        assertThat(e.problems().get(0).message()).contains("tag is not allowed");
    }

    @Test
    void pointerOfConvertsSwaggerParserAttributePaths() {
        assertThat(SpecificationCheck.pointerOf("attribute paths.'/pets/{id}'(get).responses is missing"))
                .isEqualTo("/paths/~1pets~1{id}/get/responses");
        assertThat(SpecificationCheck.pointerOf("attribute info.title is missing")).isEqualTo("/info/title");
        assertThat(SpecificationCheck.pointerOf("something else")).isNull();
    }
}
