package dev.covenant.registry.matrix;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Publishes what the gate tests need over HTTP, the way CI does, and asks the matrix. */
final class Gate {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private Gate() {
    }

    /** An items API: {@code GET /items/{id}} answers an object with {@code id} and {@code name}. */
    static String itemsDocument() {
        return """
                {"openapi": "3.0.3", "info": {"title": "Items", "version": "1"},
                 "paths": {"/items/{id}": {"get": {
                   "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                   "responses": {"200": {"description": "an item", "content": {"application/json": {"schema": {
                     "type": "object", "required": ["id"],
                     "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}}}}}}}}}
                """;
    }

    static String httpInteraction() {
        return """
                {"description": "get item 42", "request": {"method": "GET", "path": "/items/42"},
                 "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                   "body": {"id": "42", "name": "bolt"}}}""";
    }

    static String message(String description) {
        return "{\"description\": \"" + description + "\", \"contents\": {\"orderId\": \"42\"},"
                + " \"metadata\": {\"contentType\": \"application/json\"}}";
    }

    /** A V3 pact with the given HTTP interactions and messages. */
    static String v3Pact(String consumer, String provider, List<String> interactions, List<String> messages) {
        return "{\"consumer\": {\"name\": \"" + consumer + "\"}, \"provider\": {\"name\": \"" + provider + "\"},"
                + (interactions.isEmpty() ? "" : " \"interactions\": [" + String.join(",", interactions) + "],")
                + (messages.isEmpty() ? "" : " \"messages\": [" + String.join(",", messages) + "],")
                + " \"metadata\": {\"pactSpecification\": {\"version\": \"3.0.0\"}}}";
    }

    /** A V4 pact with one HTTP interaction plus interactions of the given types (V4 {@code type} field). */
    static String v4Pact(String consumer, String provider, List<String> otherTypes) {
        StringBuilder interactions = new StringBuilder(httpInteraction().replaceFirst("\\{", "{\"type\": \"Synchronous/HTTP\", "));
        int index = 0;
        for (String type : otherTypes) {
            interactions.append(", {\"type\": \"").append(type).append("\", \"description\": \"other ").append(index++)
                    .append("\", \"contents\": {\"content\": \"x\"}}");
        }
        return "{\"consumer\": {\"name\": \"" + consumer + "\"}, \"provider\": {\"name\": \"" + provider + "\"},"
                + " \"interactions\": [" + interactions + "],"
                + " \"metadata\": {\"pactSpecification\": {\"version\": \"4.0\"}}}";
    }

    static void publishPact(WebTestClient http, String consumer, String version, String provider, String pact) {
        http.put().uri("/pacticipants/{c}/branches/main/versions/{v}", consumer, version)
                .exchange().expectStatus().isOk();
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", provider, consumer, version)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact)
                .exchange().expectStatus().is2xxSuccessful();
    }

    /**
     * Publishes a document as {@code pact pactflow publish-provider-contract} does.
     *
     * @param selfVerified true/false: with a passing/failing self-verification; null: without one
     */
    static void publishProviderContract(WebTestClient http, String provider, String version, String document,
            Boolean selfVerified) {
        String self = selfVerified == null ? "" : ", \"selfVerificationResults\": {\"success\": " + selfVerified
                + ", \"content\": \"" + base64("dredd: 3 passing") + "\", \"contentType\": \"text/plain\","
                + " \"verifier\": \"dredd\"}";
        String body = "{\"pacticipantVersionNumber\": \"" + version + "\", \"branch\": \"main\", \"contract\": {"
                + "\"content\": \"" + base64(document) + "\", \"contentType\": \"application/json\","
                + " \"specification\": \"oas\"" + self + "}}";
        http.post().uri("/provider-contracts/provider/{p}/publish", provider)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().is2xxSuccessful();
    }

    static void verify(WebTestClient http, String provider, String consumer, String consumerVersion,
            String providerVersion, boolean success) {
        AtomicReference<String> href = new AtomicReference<>();
        http.get().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", provider, consumer, consumerVersion).exchange()
                .expectBody().jsonPath("$._links['pb:publish-verification-results'].href").value(h -> href.set((String) h));
        http.post().uri(URI.create(href.get())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"success\":" + success + ",\"providerApplicationVersion\":\"" + providerVersion + "\"}")
                .exchange().expectStatus().isCreated();
    }

    /** Waits for the report of a published pact (the check runs in the background after the publish answers). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> awaitPactReport(WebTestClient http, String consumer, String version) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Map<String, Object> body = http.get()
                            .uri("/compatibility-reports?application={a}&version={v}", consumer, version)
                            .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
                    List<Map<String, Object>> reports = (List<Map<String, Object>>)
                            ((Map<String, Object>) body.get("_embedded")).get("reports");
                    return reports.stream().filter(report -> "pact.published".equals(report.get("trigger")))
                            .findFirst().orElse(null);
                }, report -> report != null);
    }

    /** The matrix of two versions, as {@code pact broker can-i-deploy --pacticipant A --version 1 --pacticipant B --version 2} asks. */
    static Map<String, Object> matrix(WebTestClient http, String baseUrl, String consumer, String consumerVersion,
            String provider, String providerVersion) {
        String query = "/matrix?q%5B%5D%5Bpacticipant%5D=" + consumer + "&q%5B%5D%5Bversion%5D=" + consumerVersion
                + "&q%5B%5D%5Bpacticipant%5D=" + provider + "&q%5B%5D%5Bversion%5D=" + providerVersion
                + "&latestby=cvpv";
        return http.get().uri(URI.create(baseUrl + query)).exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
