package dev.covenant.registry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A document or pact one level deeper than {@code covenant.engine.max-nesting-depth} is refused the same way by
 * every endpoint that takes one (the native PUT, both PactFlow endpoints, the pre-merge check, the pact PUT), and
 * nothing of the request is stored; one level less is accepted.
 */
class EngineLimitsApiTest extends RegistryTest {

    @Autowired
    EngineProperties limits;

    /** A valid OpenAPI document nested exactly {@code depth} deep (the root counts as one). */
    private static String document(int depth) {
        int outer = 8; // root, paths, /a, get, responses, 200, content, application/json
        String schema = "{\"type\":\"string\"}"; // the schema object is level outer + 1
        int levels = depth - outer - 1;
        String inner = levels % 2 == 1 ? "{\"type\":\"object\",\"additionalProperties\":" + schema + "}" : schema;
        for (int i = 0; i < levels / 2; i++) {
            inner = "{\"type\":\"object\",\"properties\":{\"p\":" + inner + "}}";
        }
        return "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{\"/a\":{\"get\":"
                + "{\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":{\"schema\":"
                + inner + "}}}}}}}}";
    }

    private static String pact(String consumer, String provider, int depth) {
        String body = "1";
        for (int i = 0; i < depth - 4; i++) { // root, interactions, the interaction, response
            body = "{\"p\":" + body + "}";
        }
        return "{\"consumer\":{\"name\":\"" + consumer + "\"},\"provider\":{\"name\":\"" + provider + "\"},"
                + "\"interactions\":[{\"description\":\"d\",\"request\":{\"method\":\"GET\",\"path\":\"/a\"},"
                + "\"response\":{\"status\":200,\"body\":" + body + "}}],"
                + "\"metadata\":{\"pactSpecification\":{\"version\":\"3.0.0\"}}}";
    }

    private void assertNothingStored(String application) {
        http.get().uri("/applications/{a}", application).exchange().expectStatus().isNotFound();
        http.get().uri("/pacticipants/{a}", application).exchange().expectStatus().isNotFound();
    }

    @Test
    void aDocumentOneLevelTooDeepIsRefusedTheSameWayByEveryEndpoint() {
        int max = limits.maxNestingDepth();
        String deep = document(max + 1);
        String base64 = Base64.getEncoder().encodeToString(deep.getBytes(StandardCharsets.UTF_8));

        String raw = unique("deep-raw");
        http.put().uri("/applications/{a}/versions/1/openapi", raw).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(deep).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://covenant.dev/problems/invalid-document")
                .jsonPath("$.reason").isEqualTo("LIMIT_EXCEEDED");
        assertNothingStored(raw);

        String pactflow = unique("deep-pactflow");
        http.post().uri("/provider-contracts/provider/{p}/publish", pactflow).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("pacticipantVersionNumber", "1", "contract", Map.of("content", base64,
                        "contentType", "application/json", "specification", "oas")))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.errors.contract[0]").value(message ->
                        assertThat((String) message).contains("nesting depth"));
        http.put().uri("/contracts/provider/{p}/version/1", pactflow).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("content", base64, "contractType", "oas", "contentType", "application/json"))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.errors.contract[0]").value(message ->
                        assertThat((String) message).contains("nesting depth"));
        assertNothingStored(pactflow);

        String existing = unique("deep-premerge");
        http.put().uri("/applications/{a}/versions/1/openapi", existing).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(document(max)).exchange()
                .expectStatus().isCreated();
        http.post().uri("/applications/{a}/pre-merge-check", existing).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(deep).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://covenant.dev/problems/invalid-document")
                .jsonPath("$.reason").isEqualTo("LIMIT_EXCEEDED");
    }

    @Test
    void aDocumentAtTheDepthLimitIsStoredAndServedByEveryReader() {
        int max = limits.maxNestingDepth();
        String app = unique("at-limit");
        http.put().uri("/applications/{a}/versions/1/openapi", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(document(max)).exchange()
                .expectStatus().isCreated();

        http.get().uri("/stubs/{a}/1/a", app).exchange().expectStatus().isOk();
        http.get().uri("/ui/applications/{a}", app).exchange().expectStatus().isOk();
        http.put().uri("/applications/{a}/versions/2/openapi", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(document(max - 1)).exchange()
                .expectStatus().isCreated();
        http.get().uri("/applications/{a}/changelog?from=1&to=2", app).exchange().expectStatus().isOk();
    }

    @Test
    void aPactOneLevelTooDeepIsRefusedWithTheBrokerShapeAndNothingStored() {
        int max = limits.maxNestingDepth();
        String consumer = unique("deep-consumer");
        String provider = unique("deep-provider");

        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(pact(consumer, provider, max + 1)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.pact[0]").value(message ->
                        assertThat((String) message).contains("nesting depth"));
        assertNothingStored(consumer);
        assertNothingStored(provider);

        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(pact(consumer, provider, max)).exchange()
                .expectStatus().isCreated();
    }
}
