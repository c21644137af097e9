package dev.covenant.registry.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Documents, pacts and reports over HTTP, the way CI creates and reads them. */
final class Contracts {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private Contracts() {
    }

    /** An items API; {@code quantity} is a required response field when {@code withQuantity}. */
    static String itemsDocument(String apiVersion, boolean withQuantity) {
        return """
                {"openapi": "3.0.3", "info": {"title": "Items", "version": "%s"},
                 "paths": {"/items/{id}": {"get": {
                   "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                   "responses": {"200": {"description": "an item", "content": {"application/json": {"schema": {
                     "type": "object", "required": ["id"%s],
                     "properties": {"id": {"type": "string"}, "name": {"type": "string"}%s}}}}}}}}}}
                """.formatted(apiVersion, withQuantity ? ", \"quantity\"" : "",
                withQuantity ? ", \"quantity\": {\"type\": \"integer\"}" : "");
    }

    /** The same API without {@code quantity}, as YAML. */
    static String itemsDocumentYamlWithoutQuantity() {
        return """
                openapi: 3.0.3
                info: {title: Items, version: "2"}
                paths:
                  /items/{id}:
                    get:
                      parameters:
                        - {name: id, in: path, required: true, schema: {type: string}}
                      responses:
                        "200":
                          description: an item
                          content:
                            application/json:
                              schema:
                                type: object
                                required: [id]
                                properties:
                                  id: {type: string}
                                  name: {type: string}
                """;
    }

    /** A pact that reads one item; it relies on {@code quantity} when {@code readsQuantity}. */
    static String itemPact(String consumer, String provider, boolean readsQuantity) {
        String body = readsQuantity ? "{\"id\": \"42\", \"quantity\": 3}" : "{\"id\": \"42\", \"name\": \"bolt\"}";
        return pact(consumer, provider, "GET", "/items/42", body);
    }

    static String pact(String consumer, String provider, String method, String path, String responseBody) {
        return """
                {"consumer": {"name": "%s"}, "provider": {"name": "%s"},
                 "interactions": [{"description": "%s %s", "request": {"method": "%s", "path": "%s"},
                   "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": %s}}],
                 "metadata": {"pactSpecification": {"version": "3.0.0"}}}
                """.formatted(consumer, provider, method.toLowerCase(), path, method, path, responseBody);
    }

    static WebTestClient.ResponseSpec publishDocument(WebTestClient http, String provider, String version,
            String branch, String document) {
        return http.put().uri("/applications/{a}/versions/{v}/openapi?branch={b}", provider, version, branch)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(document)
                .exchange();
    }

    static void publishPact(WebTestClient http, String consumer, String version, String branch, String provider,
            String pact) {
        http.put().uri("/pacticipants/{c}/branches/{b}/versions/{v}", consumer, branch, version)
                .exchange().expectStatus().isOk();
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", provider, consumer, version)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact)
                .exchange().expectStatus().is2xxSuccessful();
    }

    /** The reports of an application version, newest first. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> reports(WebTestClient http, String application, String version) {
        Map<String, Object> body = http.get().uri("/compatibility-reports?application={a}&version={v}", application, version)
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        return (List<Map<String, Object>>) ((Map<String, Object>) body.get("_embedded")).get("reports");
    }

    /** Waits for the report the checks make for a change (the background job runs after the publish answers). */
    static Map<String, Object> awaitReport(WebTestClient http, String application, String version, String trigger) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> reports(http, application, version).stream()
                        .filter(report -> trigger.equals(report.get("trigger")))
                        .findFirst().orElse(null), report -> report != null);
    }

    static Map<String, Object> json(WebTestClient.ResponseSpec response) {
        return response.expectBody(JSON).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        Object value = map.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }
}
