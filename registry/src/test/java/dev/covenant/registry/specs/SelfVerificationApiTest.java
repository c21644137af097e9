package dev.covenant.registry.specs;

import dev.covenant.registry.RegistryTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** {@code PUT …/openapi/self-verification}: where {@code covenant verify-openapi --publish} stores its outcome. */
class SelfVerificationApiTest extends RegistryTest {

    private static final String DOCUMENT = """
            openapi: 3.0.3
            info: {title: Items, version: '1'}
            paths:
              /items:
                get:
                  responses:
                    '200': {description: ok}
            """;

    @Test
    void theOutcomeIsStoredOnTheVersionsDocumentAndMalformedOnesLeaveNothing() {
        String app = unique("verified");
        http.put().uri("/applications/{a}/versions/1.0.0/openapi", app)
                .contentType(MediaType.parseMediaType("application/yaml")).bodyValue(DOCUMENT).exchange()
                .expectStatus().isCreated();
        http.put().uri("/applications/{a}/versions/1.0.0/openapi/self-verification", app)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("success", "yes")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json");
        http.get().uri("/applications/{a}/versions/1.0.0/openapi/metadata", app).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.selfVerificationResults").doesNotExist();
        http.put().uri("/applications/{a}/versions/1.0.0/openapi/self-verification", app)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("success", false, "verifier", "covenant verify-openapi", "content", "1 failed"))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.selfVerificationResults.success").isEqualTo(false);
        http.get().uri("/applications/{a}/versions/1.0.0/openapi/metadata", app).exchange()
                .expectBody().jsonPath("$.selfVerificationResults.success").isEqualTo(false)
                .jsonPath("$.selfVerificationResults.verifier").isEqualTo("covenant verify-openapi");
        http.put().uri("/applications/{a}/versions/9.9.9/openapi/self-verification", app)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("success", true)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json");
    }
}
