package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.covenant.registry.CovenantRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The embedded store's disk fills up (a small tmpfs mounted for the test; skipped where the test may not mount
 * one): writes are refused with 503 problem+json and a logged reason saying what to do, nothing acknowledged is
 * lost, and writes are accepted again once there is room, with no restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class DiskFullTest {

    @TempDir
    Path dir;

    ConfigurableApplicationContext registry;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", dir.toString()) == 0,
                "needs to mount a tmpfs (root)");
    }

    @AfterEach
    void unmount() throws Exception {
        if (registry != null) {
            registry.close();
        }
        run("umount", "-l", dir.toString());
    }

    static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    ConfigurableApplicationContext start() {
        return SpringApplication.run(CovenantRegistry.class, "--server.port=0", "--covenant.storage.mongodb-uri=",
                "--covenant.storage.data-dir=" + dir.resolve("data"), "--covenant.jobs.workers=1");
    }

    static WebTestClient http(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    static String document(int n) {
        return """
                openapi: 3.0.3
                info: {title: Disk %d, version: "%d"}
                paths:
                  /items/{id}:
                    get:
                      description: "%s"
                      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                      responses: {"200": {description: ok}}
                """.formatted(n, n, "x".repeat(4_000));
    }

    static EntityExchangeResult<String> publish(WebTestClient http, int n) {
        return http.put().uri("/applications/disk/versions/{v}/openapi?branch=main", n)
                .contentType(MediaType.parseMediaType("application/yaml")).bodyValue(document(n))
                .exchange().expectBody(String.class).returnResult();
    }

    /** Fills the disk with a file, up to the last byte. */
    Path fill() throws IOException {
        Path filler = dir.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // no space left: the point
        }
        return filler;
    }

    @Test
    void fullDiskRefusesWritesWith503AndLosesNothingAcknowledged(CapturedOutput output) throws IOException {
        registry = start();
        WebTestClient http = http(registry);
        List<Integer> acknowledged = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            assertThat(publish(http, n).getStatus().value()).isEqualTo(201);
            acknowledged.add(n);
        }

        Path filler = fill();
        EntityExchangeResult<String> refused = null;
        for (int n = 100; n < 300 && refused == null; n++) {
            EntityExchangeResult<String> answer = publish(http, n);
            if (answer.getStatus().value() == 201) {
                acknowledged.add(n);
            } else {
                refused = answer;
            }
        }
        assertThat(refused).as("a write on a full disk is refused").isNotNull();
        assertThat(refused.getStatus().value()).as(refused.getResponseBody()).isEqualTo(503);
        assertThat(refused.getResponseHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(refused.getResponseBody()).contains("store-unavailable").doesNotContain("Exception");
        assertThat(output.getAll()).contains("free disk space in the data folder");
        assertReadable(http, acknowledged);

        Files.delete(filler);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> publish(http, 1000).getStatus().value() == 201);
        acknowledged.add(1000);
        assertReadable(http, acknowledged);

        registry.close();
        registry = start();
        assertReadable(http(registry), acknowledged);
    }

    static void assertReadable(WebTestClient http, List<Integer> versions) {
        for (int n : versions) {
            byte[] stored = http.get().uri("/applications/disk/versions/{v}/openapi", n).exchange()
                    .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
            assertThat(new String(stored, StandardCharsets.UTF_8)).as("version %d", n).isEqualTo(document(n));
        }
    }
}
