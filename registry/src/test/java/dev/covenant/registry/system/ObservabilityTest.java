package dev.covenant.registry.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.covenant.registry.RegistryTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Health, readiness, Prometheus metrics, request ids and the HAL index. */
class ObservabilityTest extends RegistryTest {

    @Test
    void healthAndReadinessIncludeTheStore() {
        http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health").exchange()
                .expectBody().jsonPath("$.components.storage.status").isEqualTo("UP")
                .jsonPath("$.components.storage.details.store").isEqualTo("embedded");
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void prometheusExposesRequestTimingsAndDocumentMetrics() {
        http.put().uri("/applications/{a}/versions/1/openapi", unique("metered"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"m\",\"version\":\"1\"},\"paths\":{}}")
                .exchange().expectStatus().isCreated();
        String metrics = http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics)
                .contains("http_server_requests_seconds_count")
                .containsPattern("covenant_documents_published_total\\{[^}]*outcome=\"created\"[^}]*\\} [1-9]")
                .contains("covenant_documents_size_bytes_count");
        // the publish's event is handled by a background worker, which counts its attempt
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get().uri("/actuator/prometheus")
                .exchange().expectBody(String.class).returnResult().getResponseBody())
                .containsPattern("covenant_jobs_attempts_total\\{[^}]*outcome=\"ok\"[^}]*type=\"event\"[^}]*\\} [1-9]"));
    }

    @Test
    void requestsAreTimedAsAWholeNotOncePerSecurityFilter() {
        http.get().uri("/").exchange().expectStatus().isOk();
        String metrics = http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/\"")
                .doesNotContain("spring_security_filterchains").doesNotContain("spring_security_authorizations")
                .doesNotContain("spring_security_http_secured_requests");
    }

    @Test
    void everyResponseCarriesARequestIdAndKeepsASaneOne() {
        http.get().uri("/").header("X-Request-Id", "build-42.step-1").exchange()
                .expectHeader().valueEquals("X-Request-Id", "build-42.step-1");
        String generated = http.get().uri("/").header("X-Request-Id", "bad id\twith spaces").exchange()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
        assertThat(generated).matches("[0-9a-f-]{36}");
    }

    @Test
    void indexLinksAreAbsoluteAndHonourForwardedHeaders() {
        http.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/hal+json;charset=utf-8")
                .expectBody()
                .jsonPath("$._links['pb:pacticipants'].href").isEqualTo(baseUrl() + "/pacticipants")
                .jsonPath("$._links['pb:pacticipant'].templated").isEqualTo(true)
                .jsonPath("$._links['pf:publish-provider-contract'].href")
                .isEqualTo(baseUrl() + "/provider-contracts/provider/{provider}/publish");
        http.get().uri("/")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "broker.example.com")
                .header("X-Forwarded-Port", "443")
                .exchange()
                .expectBody()
                .jsonPath("$._links['pb:pacticipants'].href").isEqualTo("https://broker.example.com/pacticipants");
    }

    @Test
    void noResponseHeaderMentionsPactflow() {
        var headers = http.get().uri("/").exchange().returnResult(String.class).getResponseHeaders();
        assertThat(headers.headerNames()).contains("X-Request-Id")
                .noneMatch(name -> name.toLowerCase().contains("pactflow"));
    }

    @Test
    void unknownPathIsA404ProblemWithoutInternals() {
        http.get().uri("/no/such/thing").exchange()
                .expectStatus().isNotFound()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("Exception").doesNotContain("at dev."));
    }
}
