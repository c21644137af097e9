package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.CovenantRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Data written to the embedded store survives a graceful restart of the registry. */
class RestartPersistenceTest {

    @TempDir
    Path dataDir;

    ConfigurableApplicationContext start() {
        return SpringApplication.run(CovenantRegistry.class, "--server.port=0",
                "--covenant.storage.data-dir=" + dataDir, "--covenant.storage.mongodb-uri=");
    }

    static WebTestClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void publishedDocumentSurvivesRestart() {
        byte[] document = """
                openapi: 3.0.3
                info: {title: Durable, version: "1"}
                paths: {}
                """.getBytes(StandardCharsets.UTF_8);
        try (ConfigurableApplicationContext first = start()) {
            client(first).put().uri("/applications/durable/versions/1/openapi?branch=main")
                    .contentType(MediaType.parseMediaType("application/yaml")).bodyValue(document)
                    .exchange().expectStatus().isCreated();
        }
        try (ConfigurableApplicationContext second = start()) {
            WebTestClient http = client(second);
            byte[] stored = http.get().uri("/applications/durable/versions/1/openapi").exchange()
                    .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
            assertThat(stored).isEqualTo(document);
            http.get().uri("/pacticipants/durable").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.mainBranch").isEqualTo("main");
            // Creation order continues after the restart: a new version is the latest.
            http.put().uri("/pacticipants/durable/versions/2").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange().expectStatus().isCreated();
            http.get().uri("/pacticipants/durable/latest-version").exchange()
                    .expectBody().jsonPath("$.number").isEqualTo("2");
        }
    }
}
