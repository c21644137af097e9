package dev.covenant.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base for tests that drive the running registry over HTTP, backed by the embedded MongoDB-wire server
 * (real driver, real wire protocol) in a fresh data folder per test run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = CovenantRegistry.class)
// Tests that seed many writes in a row would be refused (503) on a loaded CI machine, where the background work runs
// seconds behind: the time limit is the subject of WriteAdmission*Test only (a subclass's value wins over this one).
@TestPropertySource(properties = "covenant.jobs.max-backlog-wait=10m")
public abstract class RegistryTest {

    @LocalServerPort
    protected int port;

    protected WebTestClient http;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        // Called once per application context: each context (test classes with their own configuration get
        // their own) opens its own embedded store, as the store's file can only be opened once.
        Path dataDir = temporaryDataDir();
        registry.add("covenant.storage.data-dir", dataDir::toString);
        registry.add("covenant.storage.mongodb-uri", () -> "");
    }

    @BeforeEach
    void connect() {
        http = WebTestClient.bindToServer()
                .baseUrl(baseUrl())
                .responseTimeout(Duration.ofSeconds(60))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
                .build();
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A name no other test uses, so tests sharing one registry don't see each other's data. */
    protected static String unique(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }

    private static Path temporaryDataDir() {
        try {
            return Files.createTempDirectory("covenant-test-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
