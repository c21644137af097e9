package dev.covenant.registry.specs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.covenant.registry.RegistryTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Every hostile or broken document is refused with a clear problem, and nothing is stored. */
class UntrustedDocumentsTest extends RegistryTest {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    void assertNothingStored(String app) {
        http.get().uri("/applications/{a}", app).exchange().expectStatus().isNotFound();
        http.get().uri("/applications/{a}/versions/1/openapi", app).exchange().expectStatus().isNotFound();
    }

    @Test
    void shouldRejectTextThatIsNeitherYamlNorJsonWithItsLine() {
        String app = unique("broken");
        http.put().uri("/applications/{a}/versions/1/openapi", app).contentType(YAML)
                .bodyValue("openapi: 3.0.3\ninfo: [unclosed\n".getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://covenant.dev/problems/invalid-document")
                .jsonPath("$.reason").isEqualTo("SYNTAX")
                .jsonPath("$.violations[0].line").isNumber();
        assertNothingStored(app);
    }

    @Test
    void shouldRejectYamlThatIsNotOpenApi() {
        String app = unique("notoas");
        http.put().uri("/applications/{a}/versions/1/openapi", app).contentType(YAML)
                .bodyValue("kind: Deployment\nmetadata: {name: x}\n".getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.reason").isEqualTo("NOT_OPENAPI");
        assertNothingStored(app);
    }

    static final String STRUCTURALLY_INVALID = """
            openapi: 3.0.3
            info:
              version: "1"
            paths:
              /a:
                get:
                  summary: no responses
              /b:
                post:
                  responses:
                    "200": {}
            """;

    @Test
    void aStructurallyInvalidDocumentIsStoredWithEveryProblemAsALocatedWarning() {
        String app = unique("sloppy");
        http.put().uri("/applications/{a}/versions/1/openapi", app).contentType(YAML)
                .bodyValue(STRUCTURALLY_INVALID.getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.warnings[?(@.pointer == '/info/title')].line").isEqualTo(2)
                .jsonPath("$.warnings[?(@.pointer == '/info/title')].ruleId").isEqualTo("document-invalid")
                .jsonPath("$.warnings[?(@.pointer == '/paths/~1a/get/responses')]").exists()
                .jsonPath("$.warnings[?(@.pointer == '/paths/~1b/post/responses/200/description')].level").isEqualTo("WARN");
        http.get().uri("/applications/{a}/versions/1/openapi", app).exchange().expectStatus().isOk();
    }

    @Test
    void aStrictValidationPolicyRefusesStructuralProblemsWithPointerAndLineAndStoresNothing() {
        String app = unique("strict");
        http.put().uri("/applications/{a}/policy", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"validation\": \"strict\"}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.validation").isEqualTo("strict");
        http.put().uri("/applications/{a}/versions/1/openapi", app).contentType(YAML)
                .bodyValue(STRUCTURALLY_INVALID.getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.reason").isEqualTo("SCHEMA")
                .jsonPath("$.violations[?(@.pointer == '/info/title')].line").isEqualTo(2)
                .jsonPath("$.violations[?(@.pointer == '/paths/~1a/get/responses')]").exists()
                .jsonPath("$.violations[?(@.pointer == '/paths/~1b/post/responses/200/description')]").exists();
        http.get().uri("/applications/{a}/versions/1/openapi", app).exchange().expectStatus().isNotFound();
        http.get().uri("/pacticipants/{a}/versions/1", app).exchange().expectStatus().isNotFound();

        String content = java.util.Base64.getEncoder().encodeToString(STRUCTURALLY_INVALID.getBytes(StandardCharsets.UTF_8));
        http.post().uri("/provider-contracts/provider/{p}/publish", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(java.util.Map.of("pacticipantVersionNumber", "2", "contract",
                        java.util.Map.of("content", content, "contentType", "application/yaml", "specification", "oas")))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        http.get().uri("/applications/{a}/versions/2/openapi", app).exchange().expectStatus().isNotFound();

        http.put().uri("/applications/{a}/policy", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"validation\": \"lenient\"}").exchange().expectStatus().isOk();
        http.post().uri("/provider-contracts/provider/{p}/publish", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(java.util.Map.of("pacticipantVersionNumber", "2", "contract",
                        java.util.Map.of("content", content, "contentType", "application/yaml", "specification", "oas")))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.notices[?(@.type == 'warning')].text")
                .value(texts -> assertThat(texts.toString()).contains("document-invalid", "line 2", "info.title is missing"));
    }

    @Test
    void shouldNeverFetchRemoteOrFileReferences() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = "type: object\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Path outside = Files.createTempFile("covenant-outside", ".yaml");
        Files.writeString(outside, "type: object\n");
        FileTime before = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setAttribute(outside, "lastAccessTime", before);
        try {
            String remote = "http://127.0.0.1:" + server.getAddress().getPort() + "/schema.yaml";
            String document = """
                    openapi: 3.0.3
                    info: {title: t, version: "1"}
                    paths:
                      /a:
                        get:
                          responses:
                            "200":
                              description: ok
                              content:
                                application/json:
                                  schema: {$ref: '%s'}
                      /b:
                        get:
                          responses:
                            "200":
                              description: ok
                              content:
                                application/json:
                                  schema: {$ref: '%s'}
                      /c:
                        $ref: 'file://%s'
                    """.formatted(remote, outside, outside);
            String app = unique("refs");
            http.put().uri("/applications/{a}/versions/1/openapi", app).contentType(YAML)
                    .bodyValue(document.getBytes(StandardCharsets.UTF_8))
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                    .expectBody()
                    .jsonPath("$.reason").isEqualTo("EXTERNAL_REFERENCE")
                    .jsonPath("$.violations.length()").isEqualTo(3)
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("never fetched"));
            assertNothingStored(app);
            assertThat(hits.get()).as("requests the registry made to the remote $ref").isZero();
            assertThat(Files.readAttributes(outside, java.nio.file.attribute.BasicFileAttributes.class).lastAccessTime())
                    .as("the file outside the repository was not read").isEqualTo(before);
        } finally {
            server.stop(0);
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void shouldRefuseYamlAliasBombQuicklyWithBoundedMemory() {
        StringBuilder bomb = new StringBuilder("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("  a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        assertRefusedQuickly(bomb.toString().getBytes(StandardCharsets.UTF_8), "LIMIT_EXCEEDED");
    }

    @Test
    void shouldRefuseDocumentNested10000LevelsQuickly() {
        String deep = "{\"openapi\":\"3.0.3\",\"x\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}";
        assertRefusedQuickly(deep.getBytes(StandardCharsets.UTF_8), "LIMIT_EXCEEDED");
        String deepYaml = "openapi: 3.0.3\nx: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        assertRefusedQuickly(deepYaml.getBytes(StandardCharsets.UTF_8), "LIMIT_EXCEEDED");
    }

    void assertRefusedQuickly(byte[] body, String reason) {
        String app = unique("hostile");
        long start = System.nanoTime();
        http.put().uri("/applications/{a}/versions/1/openapi", app).contentType(YAML).bodyValue(body)
                .exchange()
                .expectStatus().is4xxClientError()
                .expectBody().jsonPath("$.reason").isEqualTo(reason);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertNothingStored(app);
    }

    @Test
    void shouldAnswer413OverTheSizeCap() {
        byte[] huge = new byte[25 * 1024 * 1024 + 1];
        Arrays.fill(huge, (byte) ' ');
        String app = unique("huge");
        http.put().uri("/applications/{a}/versions/1/openapi", app).contentType(YAML).bodyValue(huge)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://covenant.dev/problems/payload-too-large");
        assertNothingStored(app);
    }

    @Test
    void shouldAnswer400ToMalformedPublishRequests() {
        String app = unique("malformed");
        http.post().uri("/provider-contracts/provider/{p}/publish", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.body[0]").value(m -> assertThat((String) m).contains("not valid JSON"));
        http.post().uri("/provider-contracts/provider/{p}/publish", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"contract\":{\"content\":\"%%%not-base64\"}}").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.pacticipantVersionNumber[0]").isEqualTo("can't be blank");
        http.post().uri("/provider-contracts/provider/{p}/publish", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"pacticipantVersionNumber\":\"1\",\"contract\":{\"content\":\"%%%not-base64\"}}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors['contract.content'][0]").value(m -> assertThat((String) m).contains("base64"));
        http.put().uri("/applications/{a}/versions/1/openapi", app).contentType(YAML).bodyValue(new byte[0])
                .exchange()
                .expectStatus().isBadRequest();
        assertNothingStored(app);
    }
}
