package dev.covenant.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.registry.RegistryTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * What every mode gets (here in the default, open one): security headers, CSRF protection of UI forms but not of
 * the API, CORS off, a body cap on every endpoint, and errors without stack traces.
 */
class HardeningTest extends RegistryTest {

    @Test
    void responsesCarrySecurityHeaders() {
        http.get().uri("/pacticipants").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                        .contains("default-src 'self'").contains("frame-ancestors 'none'"));
    }

    @Test
    void uiFormsNeedACsrfTokenButTheApiDoesNot() {
        http.post().uri("/ui/teams").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("name=x")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://covenant.dev/problems/csrf");
        http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + unique("csrf-free") + "\",\"production\":false}")
                .exchange()
                .expectStatus().isCreated();
    }

    @Test
    void uiFormsWithTheCsrfTokenOfTheirCookieGetThrough() {
        String token = "0b1f6a4e-csrf-test-token";
        String body = http.post().uri("/ui/notifications/deliveries/{id}/replay", unique("no-such-delivery"))
                .cookie("XSRF-TOKEN", token)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("_csrf=" + masked(token))
                .exchange()
                .expectStatus().value(status -> assertThat(status).isNotEqualTo(403))
                // through the check, the replay of an unknown delivery is refused and the page says so
                .expectHeader().location("/ui/notifications?replayed=failed")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body == null ? "" : body).doesNotContain("problems/csrf");
    }

    /** The token as a page carries it: masked with random bytes (BREACH protection), as Spring Security does. */
    private static String masked(String token) {
        byte[] plain = token.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] random = new byte[plain.length];
        new java.security.SecureRandom().nextBytes(random);
        byte[] combined = new byte[plain.length * 2];
        for (int i = 0; i < plain.length; i++) {
            combined[i] = random[i];
            combined[plain.length + i] = (byte) (random[i] ^ plain[i]);
        }
        return java.util.Base64.getUrlEncoder().encodeToString(combined);
    }

    @Test
    void crossOriginRequestsGetNoCorsPermissionUnlessConfigured() {
        http.options().uri("/pacticipants")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        http.get().uri("/pacticipants").header(HttpHeaders.ORIGIN, "https://evil.example").exchange()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void everyEndpointCapsItsRequestBody() throws Exception {
        byte[] big = new byte[1024 * 1024 + 1];
        Arrays.fill(big, (byte) ' ');
        http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON).bodyValue(big)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.errors.body[0]").exists();
        http.put().uri("/pacticipants/{a}/versions/1", unique("capped")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(big)
                .exchange()
                .expectStatus().isEqualTo(413);

        HttpResponse<String> streamed = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                        .uri(URI.create(baseUrl() + "/environments"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(streamed.body()).contains("payload-too-large");
    }

    @Test
    void errorsNeverShowStackTracesOrClassNames() {
        String[] bodies = {
            http.patch().uri("/matrix").exchange().expectBody(String.class).returnResult().getResponseBody(),
            http.get().uri("/no/such/thing").exchange().expectBody(String.class).returnResult().getResponseBody(),
            http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":")
                    .exchange().expectBody(String.class).returnResult().getResponseBody(),
            http.get().uri("/matrix?q[][pacticipant]=%zz").exchange().expectBody(String.class).returnResult()
                    .getResponseBody(),
            http.put().uri("/pacts/provider/p/consumer/c/version/1").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("[1,2").exchange().expectBody(String.class).returnResult().getResponseBody(),
        };
        for (String body : bodies) {
            assertThat(body).isNotNull().doesNotContain("Exception").doesNotContain("\tat ")
                    .doesNotContain("dev.covenant").doesNotContain("trace");
        }
    }

    @Test
    void theRegistrysOwnApiDescriptionDocumentsTheAdminEndpointsAndCredentials() {
        byte[] yaml = http.get().uri("/openapi.yaml").exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        ParsedDocument document = OpenApiDocuments.parse(yaml, DocumentLimits.DEFAULTS);
        assertThat(document.tree().path("paths").has("/admin/tokens")).isTrue();
        assertThat(document.tree().path("paths").has("/admin/tokens/{name}")).isTrue();
        assertThat(document.tree().path("paths").has("/admin/audit")).isTrue();
        assertThat(document.tree().at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
    }

    @Test
    void writesAreAuditedAsAnonymousInOpenMode() {
        String application = unique("audited-open");
        http.put().uri("/pacticipants/{a}/versions/1", application).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isCreated();
        http.get().uri("/admin/audit?actor=anonymous&limit=50").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$._embedded.entries[?(@.path == '/pacticipants/" + application + "/versions/1')].status")
                .isEqualTo(201);
    }
}
