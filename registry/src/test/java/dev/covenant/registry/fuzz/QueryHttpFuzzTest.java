package dev.covenant.registry.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.CovenantRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Property-based fuzzing over HTTP: random query strings sent byte for byte to {@code /matrix} and
 * {@code /can-i-deploy} of a running registry (embedded store, a pact and an environment in it) never get a 5xx.
 * The registry is started here because jqwik properties do not run Spring's test extension.
 * Tries per property: {@code -Dfuzz.tries}.
 */
class QueryHttpFuzzTest {

    private static ConfigurableApplicationContext registry;
    private static RawHttp client;
    private static final java.util.concurrent.atomic.AtomicLong REQUESTS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong BEFORE_REGISTRY = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.Map<Integer, java.util.concurrent.atomic.AtomicLong> STATUSES =
            new java.util.concurrent.ConcurrentSkipListMap<>();

    @BeforeContainer
    static void startRegistry() throws Exception {
        Path data = Files.createTempDirectory("covenant-fuzz-data");
        registry = new SpringApplicationBuilder(CovenantRegistry.class).run("--server.port=0",
                "--covenant.storage.data-dir=" + data, "--covenant.storage.mongodb-uri=",
                "--logging.level.dev.covenant.requests=WARN");
        int port = Integer.parseInt(registry.getEnvironment().getProperty("local.server.port"));
        seed("http://localhost:" + port);
        client = new RawHttp(port);
    }

    @AfterContainer
    static void stopRegistry() {
        System.out.println("HTTP fuzz: " + REQUESTS + " requests, statuses " + STATUSES + ", " + BEFORE_REGISTRY
                + " refused by the HTTP adapter before the registry (target not a valid URI)");
        if (client != null) {
            client.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Property
    void matrixNeverAnswersWithAServerError(@ForAll("queries") String query) throws IOException {
        assertNoServerError("/matrix?" + query);
    }

    @Property
    void canIDeployNeverAnswersWithAServerError(@ForAll("queries") String query) throws IOException {
        assertNoServerError("/can-i-deploy?" + query);
    }

    private static void assertNoServerError(String target) throws IOException {
        RawHttp.Response response = client.get(target);
        REQUESTS.incrementAndGet();
        STATUSES.computeIfAbsent(response.status(), any -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
        if (!response.registry()) {
            BEFORE_REGISTRY.incrementAndGet();
        }
        assertThat(response.status()).as("%s → %s", target, response.body()).isLessThan(500);
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Provide
    Arbitrary<String> queries() {
        return QueryStrings.queries();
    }

    /** A consumer with a pact, its provider, and an environment named production. */
    private static void seed(String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String pact = """
                {"consumer":{"name":"order-service"},"provider":{"name":"inventory-service"},
                 "interactions":[{"description":"a request","request":{"method":"GET","path":"/items/1"},
                 "response":{"status":200}}],"metadata":{"pactSpecification":{"version":"2.0.0"}}}""";
        send(http, HttpRequest.newBuilder(URI.create(base + "/pacts/provider/inventory-service/consumer/order-service/version/1.0.0"))
                .PUT(HttpRequest.BodyPublishers.ofString(pact)));
        send(http, HttpRequest.newBuilder(URI.create(base + "/environments"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"production\",\"production\":true}")));
        send(http, HttpRequest.newBuilder(URI.create(base + "/pacticipants/order-service/versions/1.0.0/tags/prod"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private static void send(HttpClient http, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
    }
}
