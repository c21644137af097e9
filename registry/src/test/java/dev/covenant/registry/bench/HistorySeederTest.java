package dev.covenant.registry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.CovenantRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The history benchmark's bulk seeder on a tiny fraction: it writes the documented shape, and a registry started
 * afterwards on the seeded store (committing every write again) answers the benchmark's reads from it.
 */
class HistorySeederTest {

    private static final int APPS = 4;

    @TempDir
    Path dataDir;

    @Test
    void seedsTheShapeAndTheApiAnswersFromTheSeededStore() {
        HistorySeeder.Seeded seeded = HistorySeeder.seed(dataDir.toString(), 0.004, APPS);

        // 13 rounds: round 9 publishes no pact; rounds 0, 3, 6 and 12 are verified
        assertThat(seeded.rounds()).isEqualTo(13);
        assertThat(seeded.versions()).isEqualTo(13L * APPS);
        assertThat(seeded.pacts()).isEqualTo(12L * APPS);
        assertThat(seeded.verifications()).isEqualTo(4L * APPS);

        try (ConfigurableApplicationContext registry = SpringApplication.run(CovenantRegistry.class,
                "--server.port=0", "--covenant.storage.data-dir=" + dataDir, "--covenant.storage.mongodb-uri=",
                "--covenant.jobs.workers=0")) {
            WebTestClient http = client(registry);
            http.get().uri("/pacticipants/app-00/versions").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$._embedded.versions.length()").isEqualTo(13)
                    .jsonPath("$._embedded.versions[0].number").isEqualTo(HistorySeeder.version(12));
            // app-01's consumers on even rounds: app-00 ((0 + 1) % 4); on odd rounds: app-02 ((2 + 7) % 4)
            http.post().uri("/pacts/provider/app-01/for-verification").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("""
                            {"consumerVersionSelectors":[{"mainBranch":true}],"providerVersionBranch":"main",
                             "includePendingStatus":true}""")
                    .exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$._embedded.pacts.length()").isEqualTo(2);
            http.get().uri("/pacts/provider/app-01/consumer/app-00/versions").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$._links['pb:pact-versions'].length()").isEqualTo(7);
            http.get().uri("/matrix?q[][pacticipant]=app-00&q[][version]=" + HistorySeeder.version(0)
                            + "&latestby=cvp").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.matrix").isNotEmpty();
            http.get().uri("/ui/applications/app-00").exchange().expectStatus().isOk();
            assertThat(List.of(HistorySeeder.branch(3), HistorySeeder.branch(4))).containsExactly("feature-0", "main");
        }
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
    }
}
