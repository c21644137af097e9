package dev.covenant.registry.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/** The changelog between two versions (JSON and markdown) and the timeline of versions, over HTTP. */
class ChangelogApiTest extends RegistryTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    String provider = unique("items");

    @Test
    void changelogBetweenTwoVersionsPutsBreakingChangesFirstWithFingerprints() {
        publishHistory();

        Map<String, Object> changelog = json("/applications/{a}/changelog?from=1.0.0&to=3.0.0");

        List<Map<String, Object>> sections = list(changelog, "sections");
        assertThat(sections).extracting(section -> section.get("level")).first().isEqualTo("ERR");
        assertThat(sections.get(0)).containsEntry("operation", "GET /items/{id}");
        assertThat(list(sections.get(0), "entries")).anySatisfy(entry -> {
            assertThat(entry).containsEntry("ruleId", "response-required-property-removed").containsEntry("level", "ERR");
            assertThat((String) entry.get("fingerprint")).matches("[0-9a-f]{16}");
        });
        assertThat(sections).anySatisfy(section -> assertThat(section)
                .containsEntry("operation", "GET /items").containsEntry("level", "INFO"));
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) changelog.get("counts");
        assertThat((Integer) counts.get("ERR")).isPositive();

        String markdown = http.get().uri("/applications/{a}/changelog?from=1.0.0&to=3.0.0", provider)
                .accept(MediaType.parseMediaType("text/markdown")).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/markdown"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(markdown).startsWith("# " + provider + ": changes from 1.0.0 to 3.0.0")
                .contains("GET /items/{id}", "GET /items");
        assertThat(markdown.indexOf("GET /items/{id}")).isLessThan(markdown.indexOf("GET /items\n") < 0
                ? markdown.lastIndexOf("GET /items") : markdown.indexOf("GET /items\n"));

        Map<String, Object> none = json("/applications/{a}/changelog?from=3.0.0&to=3.0.0");
        assertThat(list(none, "sections")).isEmpty();
    }

    @Test
    void timelineShowsEachVersionWithItsChangesFromTheDocumentItReplacedOnItsBranch() {
        publishHistory();

        List<Map<String, Object>> versions = list(json("/applications/{a}/timeline"), "versions");

        assertThat(versions).extracting(entry -> entry.get("version"))
                .containsExactly("3.0.0", "2.5.0", "2.0.0", "1.0.0");
        assertThat(versions.get(0)).containsEntry("previousVersion", "2.0.0").containsEntry("breaking", false)
                .containsEntry("branch", "main");
        assertThat(versions.get(1)).containsEntry("previousVersion", "2.0.0").containsEntry("branch", "feature");
        assertThat(versions.get(2)).containsEntry("previousVersion", "1.0.0").containsEntry("breaking", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> changes = (Map<String, Object>) versions.get(2).get("changes");
        assertThat(list(changes, "sections")).flatExtracting(section -> list(section, "entries"))
                .extracting(entry -> entry.get("ruleId")).contains("response-required-property-removed");
        assertThat(versions.get(3)).containsEntry("previousVersion", null).containsEntry("changes", null)
                .containsEntry("breaking", false);

        assertThat(list(json("/applications/{a}/timeline?limit=2"), "versions")).extracting(entry -> entry.get("version"))
                .containsExactly("3.0.0", "2.5.0");
    }

    @Test
    void badChangelogAndTimelineRequestsAnswerProblems() {
        publishHistory();

        for (String uri : List.of("/applications/{a}/changelog?to=2.0.0", "/applications/{a}/changelog?from=1.0.0&to=",
                "/applications/{a}/timeline?limit=0", "/applications/{a}/timeline?limit=51",
                "/applications/{a}/timeline?limit=lots")) {
            http.get().uri(uri, provider).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        for (String uri : List.of("/applications/{a}/changelog?from=1.0.0&to=9.9.9",
                "/applications/{a}/changelog?from=0.0.1&to=1.0.0")) {
            http.get().uri(uri, provider).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        String nobody = unique("nobody");
        http.get().uri("/applications/{a}/timeline", nobody).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/applications/{a}/changelog?from=1&to=2", nobody).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** 1.0.0 → 2.0.0 (main, removes a required field) → 2.5.0 (feature) → 3.0.0 (main, adds an endpoint). */
    private void publishHistory() {
        publish("1.0.0", "main", document("1", true, false));
        publish("2.0.0", "main", document("2", false, false));
        publish("2.5.0", "feature", document("2.5", true, false));
        publish("3.0.0", "main", document("3", false, true));
    }

    private void publish(String version, String branch, String document) {
        http.put().uri("/applications/{a}/versions/{v}/openapi?branch={b}", provider, version, branch)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(document)
                .exchange()
                .expectStatus().isCreated();
    }

    private static String document(String apiVersion, boolean withQuantity, boolean withList) {
        String list = withList ? """
                , "/items": {"get": {"responses": {"200": {"description": "all items"}}}}""" : "";
        return """
                {"openapi": "3.0.3", "info": {"title": "Items", "version": "%s"},
                 "paths": {"/items/{id}": {"get": {
                   "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                   "responses": {"200": {"description": "an item", "content": {"application/json": {"schema": {
                     "type": "object", "required": ["id"%s],
                     "properties": {"id": {"type": "string"}%s}}}}}}}}%s}}
                """.formatted(apiVersion, withQuantity ? ", \"quantity\"" : "",
                withQuantity ? ", \"quantity\": {\"type\": \"integer\"}" : "", list);
    }

    private Map<String, Object> json(String uri) {
        return http.get().uri(uri, provider).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return (List<Map<String, Object>>) map.get(key);
    }
}
