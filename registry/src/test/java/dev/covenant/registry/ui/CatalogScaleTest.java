package dev.covenant.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.CovenantRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The catalog of 500 applications (20 teams, a pact between neighbours, 100 with an OpenAPI document) renders in
 * under 300 ms of server time (as the server's own request metrics count it), and a field search answers from
 * the index. Its own store, so the 500 applications stay out of the
 * other tests. The numbers printed here are the ones recorded in docs/benchmarks.md.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = CovenantRegistry.class)
class CatalogScaleTest {

    static final int APPLICATIONS = 500;
    static final int WITH_DOCUMENT = 100;

    @LocalServerPort
    int port;

    WebTestClient http;

    @DynamicPropertySource
    static void ownStore(DynamicPropertyRegistry registry) {
        try {
            String dir = Files.createTempDirectory("covenant-catalog-scale").toString();
            registry.add("covenant.storage.data-dir", () -> dir);
            registry.add("covenant.storage.mongodb-uri", () -> "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void connect() {
        http = WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(60)).build();
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    @Test
    void catalogOfFiveHundredApplicationsRendersInUnder300Milliseconds() {
        seed();
        String html = http.get().uri("/ui").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(html).contains(">500</span> applications").contains(">20</span> teams").contains("app-499").contains("Team 19");

        time("/ui", 10, 0);
        double[] before = serverTime("/ui");
        List<Long> catalog = time("/ui", 0, 25);
        double[] after = serverTime("/ui");
        double catalogServerMean = (after[1] - before[1]) * 1000 / (after[0] - before[0]);
        time("/ui/search", 5, 0);
        before = serverTime("/ui/search");
        List<Long> search = time("/ui/search?q=customerId", 0, 15);
        after = serverTime("/ui/search");
        double searchServerMean = (after[1] - before[1]) * 1000 / (after[0] - before[0]);
        System.out.printf("catalog of %d applications: server mean %.0f ms; round trip median %d ms, p90 %d ms,"
                + " max %d ms (%d runs)%n", APPLICATIONS, catalogServerMean, catalog.get(catalog.size() / 2),
                catalog.get(catalog.size() * 9 / 10), catalog.get(catalog.size() - 1), catalog.size());
        System.out.printf("search 'customerId' at %d applications: server mean %.0f ms; round trip median %d ms,"
                + " max %d ms (%d runs)%n", APPLICATIONS, searchServerMean, search.get(search.size() / 2),
                search.get(search.size() - 1), search.size());
        assertThat(catalogServerMean).as("mean server time of the catalog in ms").isLessThan(300);
        assertThat(searchServerMean).as("mean server time of a field search in ms").isLessThan(300);
    }

    /** The server's own count and total seconds of requests to a route (Micrometer's http.server.requests). */
    private double[] serverTime(String uri) {
        Map<?, ?> metric = http.get().uri("/actuator/metrics/http.server.requests?tag=uri:{u}", uri).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        double count = 0;
        double total = 0;
        for (Object item : (List<?>) metric.get("measurements")) {
            Map<?, ?> measurement = (Map<?, ?>) item;
            double value = ((Number) measurement.get("value")).doubleValue();
            if ("COUNT".equals(measurement.get("statistic"))) {
                count = value;
            } else if ("TOTAL_TIME".equals(measurement.get("statistic"))) {
                total = value;
            }
        }
        return new double[] {count, total};
    }

    /** Request times in ms (the whole request over loopback, so an upper bound of server time), sorted. */
    private List<Long> time(String uri, int warmUp, int runs) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < warmUp + runs; i++) {
            long started = System.nanoTime();
            http.get().uri(uri).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult();
            long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();
            if (i >= warmUp) {
                times.add(elapsed);
            }
        }
        Collections.sort(times);
        return times;
    }

    private void seed() {
        WebClient client = WebClient.builder().baseUrl(baseUrl())
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
        Flux.range(0, APPLICATIONS)
                .flatMap(i -> client.put().uri("/applications/{a}", "app-" + i)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("team", "Team " + (i % 20)))
                        .retrieve().toBodilessEntity(), 4)
                .blockLast(Duration.ofMinutes(5));
        Flux.range(0, WITH_DOCUMENT)
                .flatMap(i -> client.put().uri("/applications/{a}/versions/1.0.0/openapi?branch=main", "app-" + i)
                        .contentType(MediaType.parseMediaType("application/yaml"))
                        .bodyValue(UiScenario.document("1.0.0", false))
                        .retrieve().toBodilessEntity(), 4)
                .blockLast(Duration.ofMinutes(5));
        Flux.range(0, APPLICATIONS)
                .flatMap(i -> publishPact(client, "app-" + i, "app-" + ((i + 1) % APPLICATIONS)), 4)
                .blockLast(Duration.ofMinutes(10));
    }

    private static Mono<?> publishPact(WebClient client, String consumer, String provider) {
        return client.put().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", provider, consumer, "1.0.0")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(UiScenario.pact(consumer, provider))
                .retrieve().toBodilessEntity();
    }
}
