package dev.covenant.registry.stubs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The registry's stubs over HTTP, for documents published through the native API. */
class StubsApiTest extends RegistryTest {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private static String document(String idType) {
        return """
                openapi: 3.0.3
                info: {title: Items, version: '1'}
                paths:
                  /items/{id}:
                    get:
                      parameters:
                        - {name: id, in: path, required: true, schema: {type: integer}}
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema:
                                type: object
                                required: [id, name]
                                properties:
                                  id: {type: %s}
                                  name: {type: string, enum: [widget]}
                  /items:
                    post:
                      requestBody:
                        required: true
                        content:
                          application/json:
                            schema: {type: object, required: [name], properties: {name: {type: string}}}
                      responses:
                        '201': {description: created}
                """.formatted(idType);
    }

    private void publish(String app, String version, String branch, String yaml) {
        http.put().uri("/applications/{a}/versions/{v}/openapi?branch={b}", app, version, branch)
                .contentType(YAML).bodyValue(yaml).exchange().expectStatus().is2xxSuccessful();
    }

    @Test
    void versionAndLatestServeTheirOwnDocument() {
        String app = unique("stubbed");
        publish(app, "1.0.0", "main", document("integer"));
        publish(app, "2.0.0", "feature", document("string"));
        http.get().uri("/stubs/{a}/1.0.0/items/5", app).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(1).jsonPath("$.name").isEqualTo("widget");
        http.get().uri("/stubs/{a}/2.0.0/items/5", app).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo("string");
        http.get().uri("/stubs/{a}/latest/items/5", app).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(1); // main branch, not the newer feature version
        http.get().uri("/applications/{a}/stub-documents/2.0.0", app).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/items/{id}'].get.responses['200'].content['application/json']"
                        + ".schema.properties.id.type").isEqualTo("string");
    }

    @Test
    void unknownPathsMethodsAndInvalidRequestsAreProblems() {
        String app = unique("stubbed");
        publish(app, "1.0.0", "main", document("integer"));
        http.get().uri("/stubs/{a}/1.0.0/nowhere", app).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.candidates[0]").isEqualTo("/items");
        http.delete().uri("/stubs/{a}/1.0.0/items/5", app).exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals("Allow", "GET");
        http.get().uri("/stubs/{a}/1.0.0/items/x", app).exchange() // /items/{id} wants an integer (ADR 0030)
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.violations[0].code").isEqualTo("request.path.incompatible")
                .jsonPath("$.violations[0].location").isEqualTo("/path/id");
        http.post().uri("/stubs/{a}/1.0.0/items", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", 3)).exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.violations[0].code").isEqualTo("request.body.incompatible")
                .jsonPath("$.violations[0].location").isEqualTo("/body/name");
        http.post().uri("/stubs/{a}/1.0.0/items", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "ok")).exchange()
                .expectStatus().isCreated();
    }

    @Test
    void unknownDocumentsAndOversizedBodiesAreProblems() {
        String app = unique("stubbed");
        publish(app, "1.0.0", "main", document("integer"));
        http.get().uri("/stubs/{a}/9.9.9/items/1", app).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json");
        http.get().uri("/stubs/{a}/agreed/items/1", app).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("agreed"));
        byte[] huge = new byte[30 * 1024 * 1024];
        http.post().uri("/stubs/{a}/1.0.0/items", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(huge).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType("application/problem+json");
    }

    @Test
    void aProposalIsServedAtItsCurrentRevisionAndOnceAgreedAsTheAgreedContract() {
        String app = unique("proposed");
        String team = unique("proposers");
        String id = (String) http.post().uri("/applications/{a}/proposals", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "items v1", "team", team, "document", document("integer")))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        http.get().uri("/stubs/{a}/proposal-{id}/items/5", app, id).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(1);

        http.put().uri("/proposals/{id}/document", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("document", document("string"))).exchange()
                .expectStatus().isOk();
        http.get().uri("/stubs/{a}/proposal-{id}/items/5", app, id).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo("string"); // the second revision, not the first
        http.get().uri("/applications/{a}/stub-documents/proposal-{id}", app, id).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/items/{id}'].get.responses['200'].content['application/json']"
                        + ".schema.properties.id.type").isEqualTo("string");
        http.get().uri("/stubs/{a}/agreed/items/5", app).exchange().expectStatus().isNotFound();

        http.post().uri("/proposals/{id}/reviews", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("team", team, "decision", "approve")).exchange()
                .expectStatus().isCreated();
        http.get().uri("/stubs/{a}/agreed/items/5", app).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo("string");
        http.get().uri("/stubs/{a}/proposal-{id}/items/5", app, id).exchange()
                .expectStatus().isOk(); // an agreed proposal still serves its last revision

        publish(app, "1.0.0", "main", document("string"));
        String page = http.get().uri("/ui/applications/{a}/api", app).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("/stubs/" + app + "/1.0.0/", "/stubs/" + app + "/agreed/");
    }

    @Test
    void aProposalOfAnotherApplicationOrAnUnknownOneIs404() {
        String app = unique("proposed");
        String other = unique("elsewhere");
        String id = (String) http.post().uri("/applications/{a}/proposals", app).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "items v1", "team", unique("proposers"), "document", document("integer")))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        http.get().uri("/stubs/{a}/proposal-{id}/items/5", other, id).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains(id));
        http.get().uri("/stubs/{a}/proposal-nope/items/5", app).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json");
        http.get().uri("/stubs/{a}/proposal-/items/5", app).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json");
    }
}
