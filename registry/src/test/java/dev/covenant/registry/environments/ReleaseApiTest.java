package dev.covenant.registry.environments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Recording releases: several supported at once, idempotent re-release, ending support. */
class ReleaseApiTest extends RegistryTest {

    @Test
    void severalReleasedVersionsAreSupportedAtOnce() {
        String app = unique("mobile");
        String env = Fixtures.environment(http, unique("app-store"), true);
        Fixtures.version(http, app, "1");
        Fixtures.version(http, app, "2");
        http.post().uri("/pacticipants/{a}/versions/1/released-versions/environment/{e}", app, env)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.currentlySupported").isEqualTo(true)
                .jsonPath("$._embedded.version.number").isEqualTo("1")
                .jsonPath("$._embedded.environment.uuid").isEqualTo(env)
                .jsonPath("$._links.self.href").exists();
        Fixtures.release(http, app, "2", env);
        http.get().uri("/environments/{e}/released-versions/currently-supported?pacticipant={a}", env, app).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$._embedded.releasedVersions[*]._embedded.version.number")
                .value(numbers -> assertThat((List<String>) numbers).containsExactlyInAnyOrder("1", "2"));
    }

    @Test
    void releasingAgainReturnsTheSameRecord() {
        String app = unique("mobile");
        String env = Fixtures.environment(http, unique("app-store"), true);
        Fixtures.version(http, app, "1");
        String first = Fixtures.release(http, app, "1", env);
        http.post().uri("/pacticipants/{a}/versions/1/released-versions/environment/{e}", app, env)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.uuid").isEqualTo(first);
    }

    @Test
    void concurrentReleasesOfOneVersionConvergeOnOneRecord() {
        String app = unique("mobile");
        String env = Fixtures.environment(http, unique("app-store"), true);
        Fixtures.version(http, app, "1");
        List<String> uuids = IntStream.range(0, 6).parallel()
                .mapToObj(attempt -> Fixtures.release(http, app, "1", env))
                .distinct()
                .toList();
        assertThat(uuids).hasSize(1);
        http.get().uri("/released-versions/{r}", uuids.get(0)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.currentlySupported").isEqualTo(true);
    }

    @Test
    void recordReadsBackExactlyAsItWasReturned() {
        String app = unique("mobile");
        String env = Fixtures.environment(http, unique("app-store"), true);
        Fixtures.version(http, app, "1");
        Map<?, ?> created = http.post().uri("/pacticipants/{a}/versions/1/released-versions/environment/{e}", app, env)
                .exchange()
                .expectBody(Map.class).returnResult().getResponseBody();
        http.get().uri("/released-versions/{r}", created.get("uuid")).exchange()
                .expectBody().jsonPath("$.createdAt").isEqualTo(created.get("createdAt"));
    }

    @Test
    void endingSupportRemovesItFromCurrentlySupportedAndReleasingAgainResumesIt() {
        String app = unique("mobile");
        String env = Fixtures.environment(http, unique("app-store"), true);
        Fixtures.version(http, app, "1");
        String released = Fixtures.release(http, app, "1", env);
        http.patch().uri("/released-versions/{r}", released)
                .contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .bodyValue("{\"currentlySupported\":false}")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.currentlySupported").isEqualTo(false)
                .jsonPath("$.supportEndedAt").exists();
        http.get().uri("/environments/{e}/released-versions/currently-supported?pacticipant={a}", env, app).exchange()
                .expectBody().jsonPath("$._embedded.releasedVersions.length()").isEqualTo(0);
        http.get().uri("/released-versions/{r}", released).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.currentlySupported").isEqualTo(false);

        assertThat(Fixtures.release(http, app, "1", env)).isEqualTo(released);
        http.get().uri("/released-versions/{r}", released).exchange()
                .expectBody().jsonPath("$.currentlySupported").isEqualTo(true);
    }

    @Test
    void unknownReleaseOrVersionIsNotFoundAndBadPatchIsRefused() {
        String app = unique("mobile");
        String env = Fixtures.environment(http, unique("app-store"), true);
        http.post().uri("/pacticipants/{a}/versions/9/released-versions/environment/{e}", app, env)
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors").exists();
        http.get().uri("/released-versions/nope").exchange().expectStatus().isNotFound();
        Fixtures.version(http, app, "1");
        String released = Fixtures.release(http, app, "1", env);
        http.patch().uri("/released-versions/{r}", released).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"currentlySupported\":true}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.currentlySupported").exists();
        http.patch().uri("/released-versions/{r}", released).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("not json")
                .exchange()
                .expectStatus().isBadRequest();
    }
}
