package dev.covenant.registry.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * Back-pressure: with the workers off, the backlog grows with each publish; past {@code max-backlog} a write is
 * answered 503 with {@code Retry-After} at once, stores nothing, and reads still work.
 */
@TestPropertySource(properties = {"covenant.jobs.workers=0", "covenant.jobs.max-backlog=2"})
class WriteAdmissionTest extends RegistryTest {

    private static final String DOCUMENT =
            "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Inventory\",\"version\":\"1\"},\"paths\":{}}";

    @Autowired
    JobQueue queue;

    @Test
    void writesBeyondTheBacklogAreRefusedWithRetryAfterAndLeaveNothingBehind() {
        String app = unique("admission");
        int version = 0;
        while (queue.backlog() <= 2) {
            version++;
            http.put().uri("/applications/{a}/versions/1.0.{v}/openapi?branch=main", app, version)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(DOCUMENT).exchange()
                    .expectStatus().is2xxSuccessful();
            assertThat(version).as("publishes needed to fill the backlog").isLessThanOrEqualTo(3);
        }

        http.put().uri("/applications/{a}/versions/9.9.9/openapi?branch=main", app)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(DOCUMENT).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Retry-After", value -> assertThat(Integer.parseInt(value)).isBetween(1, 60))
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("jobs behind").contains("nothing of this request was stored"));

        http.get().uri("/applications/{a}/versions/9.9.9/openapi", app).exchange().expectStatus().isNotFound();
        http.get().uri("/applications/{a}/versions/1.0.1/openapi", app).exchange().expectStatus().isOk();
        // a Pact Broker client gets the Pact Broker's content type
        http.put().uri("/pacts/provider/p-{a}/consumer/{a}/version/1.0.0", app, app)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After")
                .expectHeader().contentTypeCompatibleWith("application/hal+json");
    }
}
