package dev.covenant.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base for tests against the registry in secured mode, with {@link #ADMIN_TOKEN} as the bootstrap admin token and
 * a data folder of its own (the open-mode registry of {@link RegistryTest} may be running in the same JVM).
 * The rate limit is set high enough not to interfere; {@code RateLimitTest} has its own.
 */
@TestPropertySource(properties = {
        "covenant.security.mode=secured",
        "covenant.security.admin-token=" + SecuredRegistryTest.ADMIN_TOKEN,
        "covenant.security.rate-limit.requests-per-second=100000",
        "covenant.security.rate-limit.burst=100000"})
public abstract class SecuredRegistryTest extends RegistryTest {

    public static final String ADMIN_TOKEN = "test-bootstrap-admin-token-7f3a9c";
    static final Path SECURED_DATA_DIR = temporary("covenant-secured-test-data");

    @DynamicPropertySource
    static void securedStorage(DynamicPropertyRegistry registry) {
        registry.add("covenant.storage.data-dir", SECURED_DATA_DIR::toString);
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
                .expectStatus().isOk();
    }

    static Path temporary(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
