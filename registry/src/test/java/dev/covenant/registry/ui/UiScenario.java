package dev.covenant.registry.ui;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A small registry seeded through the real HTTP API, the way CI jobs fill it: a provider with two document
 * versions (the second breaks consumers: {@code total} changes type, a required request property appears), a
 * consumer whose pact reads {@code customerId}, a failed verification of that pact by the provider's second
 * version, which is deployed to an environment.
 */
public final class UiScenario {

    final String provider;
    final String consumer;
    final String environment;
    final String providerTeam;

    private final WebTestClient http;

    UiScenario(WebTestClient http, String suffix) {
        this.http = http;
        this.provider = "orders-" + suffix;
        this.consumer = "shop-" + suffix;
        this.environment = "production-" + suffix;
        this.providerTeam = "Fulfilment " + suffix;
    }

    public static String document(String version, boolean breaking) {
        return """
                openapi: 3.0.3
                info: {title: Orders, version: "%s"}
                paths:
                  /orders/{id}:
                    get:
                      operationId: getOrder
                      summary: Read one order
                      parameters:
                        - {name: id, in: path, required: true, schema: {type: string}}
                      responses:
                        "200":
                          description: The order
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/Order'}
                  /orders:
                    post:
                      operationId: placeOrder
                      requestBody:
                        required: true
                        content:
                          application/json:
                            schema:
                              type: object
                              required: [customerId%s]
                              properties:
                                customerId: {type: string}
                                currency: {type: string}
                      responses:
                        "201": {description: Placed}
                components:
                  schemas:
                    Order:
                      type: object
                      required: [id, customerId]
                      properties:
                        id: {type: string}
                        customerId: {type: string}
                        total: {type: %s}
                """.formatted(version, breaking ? ", currency" : "", breaking ? "string" : "number");
    }

    public static String pact(String consumer, String provider) {
        return """
                {"consumer": {"name": "%s"}, "provider": {"name": "%s"},
                 "interactions": [
                   {"description": "a request for order 42", "providerStates": [{"name": "order 42 exists"}],
                    "request": {"method": "GET", "path": "/orders/42"},
                    "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                                 "body": {"id": "42", "customerId": "c-7", "total": 12.5}}}
                 ],
                 "metadata": {"pactSpecification": {"version": "3.0.0"}}}
                """.formatted(consumer, provider);
    }

    UiScenario seed() {
        team(provider, providerTeam);
        team(consumer, "Storefront");
        publishDocument("1.0.0", false);
        publishDocument("2.0.0", true);
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/{v}?branch=main", provider, consumer, "1.0.0")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact(consumer, provider))
                .exchange().expectStatus().is2xxSuccessful();
        http.put().uri("/pacticipants/{c}/branches/main/versions/1.0.0", consumer).exchange().expectStatus().isOk();
        verify("2.0.0", false);
        String uuid = createEnvironment();
        http.post().uri("/pacticipants/{a}/versions/{v}/deployed-versions/environment/{e}", provider, "2.0.0", uuid)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isCreated();
        return this;
    }

    private void team(String application, String team) {
        http.put().uri("/applications/{a}", application).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("team", team))
                .exchange().expectStatus().is2xxSuccessful();
    }

    private void publishDocument(String version, boolean breaking) {
        http.put().uri("/applications/{a}/versions/{v}/openapi?branch=main", provider, version)
                .contentType(MediaType.parseMediaType("application/yaml")).bodyValue(document(version, breaking))
                .exchange().expectStatus().isCreated();
    }

    private void verify(String providerVersion, boolean success) {
        AtomicReference<String> href = new AtomicReference<>();
        http.get().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", provider, consumer, "1.0.0").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$._links['pb:publish-verification-results'].href").value(h -> href.set((String) h));
        http.post().uri(URI.create(href.get())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"success\":" + success + ",\"providerApplicationVersion\":\"" + providerVersion + "\""
                        + (success ? "" : ",\"testResults\":[{\"interactionId\":\"i1\",\"interactionDescription\":"
                                + "\"a request for order 42\",\"success\":false,\"mismatches\":[{\"attribute\":\"body\","
                                + "\"identifier\":\"$.customerId\",\"description\":\"Expected 'c-7' but received 7\"}]}]")
                        + "}")
                .exchange().expectStatus().isCreated();
    }

    private String createEnvironment() {
        Map<?, ?> body = http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + environment + "\",\"production\":true}")
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("uuid");
    }
}
