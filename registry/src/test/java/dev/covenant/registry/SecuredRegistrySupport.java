package dev.covenant.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base for tests against a running registry in secured mode, with {@link #ADMIN_TOKEN} as the bootstrap admin token.
 * Subclasses give it a data folder of their own with a {@code @DynamicPropertySource} (a registry with other
 * settings may be running in the same JVM, and the embedded store locks its folder); see {@link SecuredRegistryTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = CovenantRegistry.class)
@TestPropertySource(properties = {
        "covenant.security.mode=secured",
        "covenant.security.admin-token=" + SecuredRegistrySupport.ADMIN_TOKEN,
        "covenant.storage.mongodb-uri="})
public abstract class SecuredRegistrySupport {

    public static final String ADMIN_TOKEN = "test-bootstrap-admin-token-7f3a9c";

    @LocalServerPort
    protected int port;

    protected WebTestClient http;

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

    /** A client that sends {@code token} as a bearer token. */
    protected WebTestClient as(String token) {
        return http.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
    }

    protected WebTestClient admin() {
        return as(ADMIN_TOKEN);
    }

    /** Creates a token through the admin API and returns its secret. */
    protected String createToken(String name, String role, String team) {
        String body = team == null ? "{\"name\":\"%s\",\"role\":\"%s\"}".formatted(name, role)
                : "{\"name\":\"%s\",\"role\":\"%s\",\"team\":\"%s\"}".formatted(name, role, team);
        Map<?, ?> created = admin().post().uri("/admin/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("token");
    }

    /** Creates the application (if needed) and gives it to {@code team}, as an admin. */
    protected void assignTeam(String application, String team) {
        admin().put().uri("/pacticipants/{a}", application).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"team\":\"" + team + "\"}")
                .exchange()
                .expectStatus().is2xxSuccessful(); // 201 when the PUT creates it, as the Pact Broker answers
    }

    protected static Path temporary(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
