package dev.covenant.registry.specs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

class ProviderContractsApiTest extends RegistryTest {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() { };

    static byte[] resource(String name) {
        try (InputStream in = ProviderContractsApiTest.class.getResourceAsStream("/documents/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpStatus putDocument(String app, String version, byte[] body, MediaType type, String query) {
        return HttpStatus.valueOf(http.put().uri("/applications/{a}/versions/{v}/openapi" + query, app, version)
                .contentType(type).bodyValue(body).exchange().returnResult(byte[].class).getStatus().value());
    }

    @Test
    void publishedDocumentReadsBackIdenticalAndNormalized() {
        String app = unique("inventory");
        byte[] yaml = resource("inventory-v1.yaml");

        http.put().uri("/applications/{a}/versions/1.0.0/openapi?branch=main&tag=prod&buildUrl=http://ci/1", app)
                .contentType(YAML).bodyValue(yaml)
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", ".*/applications/" + app + "/versions/1.0.0/openapi")
                .expectBody()
                .jsonPath("$.sha256").value(sha -> assertThat((String) sha).hasSize(64))
                .jsonPath("$.format").isEqualTo("OPENAPI_3_0")
                .jsonPath("$.branch").isEqualTo("main")
                .jsonPath("$.tags[0]").isEqualTo("prod");

        byte[] asPublished = http.get().uri("/applications/{a}/versions/1.0.0/openapi", app).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(YAML)
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(asPublished).isEqualTo(yaml);

        http.get().uri("/applications/{a}/versions/1.0.0/openapi/normalized", app).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.info.title").isEqualTo("Inventory")
                .jsonPath("$.components.schemas.Item.required[0]").isEqualTo("id");
    }

    @Test
    void publishingSameContentTwiceIsIdempotent() {
        String app = unique("inventory");
        byte[] yaml = resource("inventory-v1.yaml");
        assertThat(putDocument(app, "1", yaml, YAML, "")).isEqualTo(HttpStatus.CREATED);
        assertThat(putDocument(app, "1", yaml, YAML, "")).isEqualTo(HttpStatus.OK);
        // The same document re-serialized as JSON has the same normalized content: still a no-op.
        byte[] json = http.get().uri("/applications/{a}/versions/1/openapi/normalized", app).exchange()
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(putDocument(app, "1", json, MediaType.APPLICATION_JSON, "")).isEqualTo(HttpStatus.OK);

        http.get().uri("/applications/{a}/openapi", app).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.documents.length()").isEqualTo(1);
    }

    @Test
    void differentContentForPublishedVersionIsAConflict() {
        String app = unique("inventory");
        putDocument(app, "1", resource("inventory-v1.yaml"), YAML, "");

        http.put().uri("/applications/{a}/versions/1/openapi", app).contentType(YAML)
                .bodyValue(resource("inventory-v2.yaml"))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://covenant.dev/problems/conflict")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("new version number"));

        byte[] stored = http.get().uri("/applications/{a}/versions/1/openapi", app).exchange()
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(stored).isEqualTo(resource("inventory-v1.yaml"));
    }

    @Test
    void latestOnBranchAndTagAndHistoryFollowCreationOrder() {
        String app = unique("inventory");
        putDocument(app, "1", resource("inventory-v1.yaml"), YAML, "?branch=main&tag=prod");
        putDocument(app, "2", resource("inventory-v2.yaml"), YAML, "?branch=main");
        putDocument(app, "3-feat", resource("legacy-swagger2.json"), MediaType.APPLICATION_JSON, "?branch=feat/x");

        http.get().uri("/applications/{a}/openapi/latest?branch=main", app).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Covenant-Version", "2");
        http.get().uri("/applications/{a}/openapi/latest?tag=prod", app).exchange()
                .expectHeader().valueEquals("X-Covenant-Version", "1");
        http.get().uri("/applications/{a}/openapi/latest?branch=feat/x", app).exchange()
                .expectHeader().valueEquals("X-Covenant-Version", "3-feat");
        http.get().uri("/applications/{a}/openapi/latest", app).exchange()
                .expectHeader().valueEquals("X-Covenant-Version", "3-feat");
        http.get().uri("/applications/{a}/openapi", app).exchange()
                .expectBody()
                .jsonPath("$.documents[*].version").isEqualTo(List.of("3-feat", "2", "1"));
        http.get().uri("/applications/{a}/openapi/latest?branch=nope", app).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void acceptsSwagger2AndOpenApi31() {
        String app = unique("mixed");
        assertThat(putDocument(app, "1", resource("legacy-swagger2.json"), MediaType.APPLICATION_JSON, ""))
                .isEqualTo(HttpStatus.CREATED);
        assertThat(putDocument(app, "2", resource("modern-3.1.json"), MediaType.APPLICATION_JSON, ""))
                .isEqualTo(HttpStatus.CREATED);
        http.get().uri("/applications/{a}/versions/2/openapi/metadata", app).exchange()
                .expectBody().jsonPath("$.format").isEqualTo("OPENAPI_3_1");
    }

    @Test
    void unknownApplicationOrVersionIs404Problem() {
        http.get().uri("/applications/{a}/versions/1/openapi", unique("ghost")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://covenant.dev/problems/not-found");
        http.get().uri("/applications/{a}", unique("ghost")).exchange().expectStatus().isNotFound();
    }

    @Test
    void pactflowPublishAnswersWithTheShapeThePactCliParses() {
        String app = unique("inventory");
        String content = Base64.getEncoder().encodeToString(resource("inventory-v1.yaml"));
        Map<String, Object> request = Map.of("pacticipantVersionNumber", "1.0.0", "branch", "main",
                "tags", List.of("t1"), "buildUrl", "http://ci/1",
                "contract", Map.of("content", content, "contentType", "application/yaml", "specification", "oas",
                        "selfVerificationResults", Map.of("success", true, "content",
                                Base64.getEncoder().encodeToString("all good".getBytes(StandardCharsets.UTF_8)),
                                "contentType", "text/plain", "format", "text", "verifier", "dredd", "verifierVersion", "1")));

        http.post().uri("/provider-contracts/provider/{p}/publish", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/hal+json;charset=utf-8")
                .expectBody()
                .jsonPath("$.notices[0].type").isEqualTo("success")
                .jsonPath("$._embedded.pacticipant.name").isEqualTo(app)
                .jsonPath("$._embedded.pacticipant._links.self.href").isEqualTo(baseUrl() + "/pacticipants/" + app)
                .jsonPath("$._embedded.version.number").isEqualTo("1.0.0")
                .jsonPath("$._embedded.version._links.self.title").isEqualTo("Version")
                .jsonPath("$._links['pb:pacticipant-version'].href").isEqualTo(baseUrl() + "/pacticipants/" + app + "/versions/1.0.0")
                .jsonPath("$._links['pb:pacticipant-version-tags'][0].name").isEqualTo("t1")
                .jsonPath("$._links['pf:provider-contract'].href").exists();

        http.get().uri("/provider-contracts/provider/{p}/version/1.0.0", app).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.selfVerificationResults.success").isEqualTo(true)
                .jsonPath("$.selfVerificationResults.verifier").isEqualTo("dredd");
        http.get().uri("/pacticipants/{p}/versions/1.0.0", app).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.buildUrl").isEqualTo("http://ci/1")
                .jsonPath("$._embedded.branchVersions[0].name").isEqualTo("main")
                .jsonPath("$._embedded.tags[0].name").isEqualTo("t1");
    }

    @Test
    void pactflowsOlderPutCreatesTheContractOnceAndLinksItsUiPage() {
        String app = unique("inventory");
        Map<String, Object> request = Map.of("content", Base64.getEncoder().encodeToString(resource("inventory-v1.yaml")),
                "contractType", "oas", "contentType", "application/yaml",
                "verificationResults", Map.of("success", true, "content",
                        Base64.getEncoder().encodeToString("some results".getBytes(StandardCharsets.UTF_8)),
                        "contentType", "text/plain", "format", "text", "verifier", "my custom tool",
                        "verifierVersion", "1.0"));

        http.put().uri("/contracts/provider/{p}/version/1", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request)
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().contentType("application/hal+json;charset=utf-8")
                .expectBody()
                .jsonPath("$._links['pf:ui'].href").isEqualTo(baseUrl() + "/ui/applications/" + app + "/api?version=1")
                .jsonPath("$._embedded.version.number").isEqualTo("1");
        http.put().uri("/contracts/provider/{p}/version/1", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request).exchange().expectStatus().isOk();
        http.get().uri("/provider-contracts/provider/{p}/version/1", app).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.selfVerificationResults.verifier").isEqualTo("my custom tool");
    }

    @Test
    void pactflowsOlderPutRefusesWhatIsNotOpenApiAndKeepsNothing() {
        String app = unique("inventory");
        Map<String, Object> request = Map.of("content",
                Base64.getEncoder().encodeToString("---\nsome: contract\n".getBytes(StandardCharsets.UTF_8)),
                "contractType", "oas", "contentType", "application/yaml");
        http.put().uri("/contracts/provider/{p}/version/1", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.errors.contract[0]").exists();
        http.put().uri("/contracts/provider/{p}/version/1", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("content", "not base64 %%%", "contractType", "oas")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.content[0]").value(m -> assertThat((String) m).contains("base64"));
        http.put().uri("/contracts/provider/{p}/version/1", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("content", "eA==", "contractType", "graphql")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.contractType[0]").exists();
        http.get().uri("/provider-contracts/provider/{p}/version/1", app).exchange().expectStatus().isNotFound();
        http.get().uri("/pacticipants/{p}", app).exchange().expectStatus().isNotFound();
    }
}
