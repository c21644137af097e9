package dev.covenant.registry.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.covenant.registry.RegistryTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * Back-pressure by time: with the workers off, the one job queued by a publish waits; once it has waited longer
 * than {@code max-backlog-wait} (well under the count cap), a write is answered 503 with {@code Retry-After} at
 * once and records nothing: no event, no publication.
 */
@TestPropertySource(properties = {"covenant.jobs.workers=0", "covenant.jobs.max-backlog=1000",
        "covenant.jobs.max-backlog-wait=300ms"})
class WriteAdmissionByTimeTest extends RegistryTest {

    private static final String DOCUMENT =
            "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Inventory\",\"version\":\"1\"},\"paths\":{}}";

    @Autowired
    JobQueue queue;

    @Autowired
    EventLog events;

    @Test
    void aWriteIsRefusedOnceQueuedWorkHasWaitedLongerThanTheLimitAndLeavesNothingBehind() {
        String app = unique("admission-time");
        http.put().uri("/applications/{a}/versions/1.0.0/openapi?branch=main", app)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(DOCUMENT).exchange()
                .expectStatus().is2xxSuccessful();
        assertThat(queue.backlog()).isGreaterThanOrEqualTo(1).isLessThan(1000);
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.oldestWait().toMillis() > 300);
        long lastEvent = events.latest(1).blockFirst().sequence();

        http.put().uri("/applications/{a}/versions/2.0.0/openapi?branch=main", app)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(DOCUMENT).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().value("Retry-After", value -> assertThat(Integer.parseInt(value)).isBetween(1, 60))
                .expectBody().jsonPath("$.type").value(type -> assertThat((String) type).endsWith("over-capacity"))
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("s behind").contains("nothing of this request was stored"));

        http.get().uri("/applications/{a}/versions/2.0.0/openapi", app).exchange().expectStatus().isNotFound();
        assertThat(events.since(lastEvent, 10).collectList().block()).as("events recorded after the refusal")
                .isEmpty();
        // reads are never refused
        http.get().uri("/applications/{a}/versions/1.0.0/openapi", app).exchange().expectStatus().isOk();
    }
}
