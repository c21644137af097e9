package dev.covenant.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.covenant.registry.RegistryTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The search covers what runs: the fields of every version deployed or released somewhere, not only of the
 * latest document, each hit naming its version and, for a running version that is not the latest, where it runs.
 */
class SearchCoversRunningVersionsTest extends RegistryTest {

    static String document(String version, String field) {
        return """
                openapi: 3.0.3
                info: {title: Ledger, version: "%s"}
                paths:
                  /entries/{id}:
                    get:
                      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                      responses:
                        "200":
                          description: One entry
                          content:
                            application/json:
                              schema: {$ref: "#/components/schemas/Entry"}
                components:
                  schemas:
                    Entry:
                      type: object
                      properties:
                        %s: {type: string}
                """.formatted(version, field);
    }

    @Test
    void aFieldOnlyADeployedOrReleasedVersionHasIsFoundWithThatVersionUntilItStopsRunning() {
        String app = unique("ledger");
        String legacy = unique("legacyCode").replace("-", "");
        String current = unique("currentCode").replace("-", "");
        String retired = unique("retiredCode").replace("-", "");
        String production = unique("production");
        String onPremises = unique("on-premises");
        publish(app, "0.9.0", retired);
        publish(app, "1.0.0", legacy);
        String productionUuid = environment(production);
        String onPremisesUuid = environment(onPremises);
        record(app, "1.0.0", "deployed", productionUuid);
        record(app, "1.0.0", "released", onPremisesUuid);
        publish(app, "2.0.0", current);

        await().atMost(Duration.ofSeconds(30)).until(() -> search(legacy).contains(app));
        String hits = search(legacy);
        assertThat(hits).contains("1 place in 1 application")
                .contains(">1.0.0<")
                .contains("schema Entry · deployed in " + production + ", released in " + onPremises)
                .contains("/ui/applications/" + app + "/api?version=1.0.0");
        assertThat(search(current)).contains(app).contains(">2.0.0<").doesNotContain("deployed in");
        assertThat(search(retired)).as("a version neither latest nor running is not searched")
                .contains("Nothing is named like that.");

        record(app, "2.0.0", "deployed", productionUuid);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> search(legacy).contains("schema Entry · released in " + onPremises + "<"));
        assertThat(search(legacy)).doesNotContain("deployed in " + production);
    }

    @Test
    void undeployingOrEndingSupportTakesTheHitAwayWithoutARestart() {
        String app = unique("ledger");
        String legacy = unique("legacyCode").replace("-", "");
        String staging = unique("staging");
        String onPremises = unique("on-premises");
        publish(app, "1.0.0", legacy);
        String stagingUuid = environment(staging);
        String onPremisesUuid = environment(onPremises);
        String deployment = record(app, "1.0.0", "deployed", stagingUuid);
        String release = record(app, "1.0.0", "released", onPremisesUuid);
        publish(app, "2.0.0", unique("currentCode").replace("-", ""));
        await().atMost(Duration.ofSeconds(30)).until(() -> search(legacy)
                .contains("schema Entry · deployed in " + staging + ", released in " + onPremises + "<"));

        end("/deployed-versions/{uuid}", deployment, "currentlyDeployed");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> search(legacy).contains("schema Entry · released in " + onPremises + "<"));
        assertThat(search(legacy)).as("the undeployed version no longer runs in " + staging)
                .doesNotContain("deployed in " + staging);

        end("/released-versions/{uuid}", release, "currentlySupported");
        await().atMost(Duration.ofSeconds(30)).until(() -> search(legacy).contains("Nothing is named like that."));
        assertThat(search(legacy)).doesNotContain(app);
    }

    private void end(String path, String uuid, String flag) {
        http.patch().uri(path, uuid).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"" + flag + "\": false}")
                .exchange().expectStatus().isOk();
    }

    private String search(String query) {
        return http.get().uri("/ui/search?q={q}", query).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private void publish(String app, String version, String field) {
        http.put().uri("/applications/{a}/versions/{v}/openapi?branch=main", app, version)
                .contentType(MediaType.parseMediaType("application/yaml")).bodyValue(document(version, field))
                .exchange().expectStatus().isCreated();
    }

    private String environment(String name) {
        Map<?, ?> body = http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + name + "\",\"production\":false}")
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("uuid");
    }

    /** Records the deployment or release; its uuid. */
    private String record(String app, String version, String how, String environmentUuid) {
        Map<?, ?> body = http.post().uri("/pacticipants/{a}/versions/{v}/" + how + "-versions/environment/{e}", app,
                        version, environmentUuid)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().is2xxSuccessful()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("uuid");
    }
}
