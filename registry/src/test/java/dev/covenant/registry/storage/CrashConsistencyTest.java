package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.covenant.registry.CovenantRegistry;
import dev.covenant.registry.notifications.Receiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry on the embedded store, started as a child JVM, is killed with SIGKILL at a random moment while
 * several threads publish pacts, verification results, documents and deployments through the HTTP API, then
 * started again on the same data folder, for {@code covenant.crash.rounds} rounds (3 by default;
 * {@code docs/benchmarks/crash-rounds.sh} runs 20). After each restart every write that was answered 2xx is
 * readable with the content written, every head resolves, and in the end the event of every acknowledged write
 * reaches the team's loopback webhook.
 */
class CrashConsistencyTest {

    private static final Logger log = LoggerFactory.getLogger(CrashConsistencyTest.class);
    private static final Pattern PORT = Pattern.compile("Netty started on port (\\d+)");
    private static final String PROVIDER = "crash-provider";
    private static final String API = "crash-api";
    private static final int WRITERS = 4;

    @TempDir
    Path dir;

    final Receiver receiver = Receiver.start();
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final JsonMapper json = JsonMapper.builder().build();
    final ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
    Process registry;
    String base;

    /** A write answered 2xx: where to read it back, what must be there, and the event it must have caused. */
    record Acknowledged(String kind, String readPath, String expected, String eventType, String application,
            String version) {

        String eventKey() {
            return eventType + " " + application + " " + version;
        }
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.destroyForcibly();
        }
        receiver.close();
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillNineAndItsEventIsDelivered() throws Exception {
        int rounds = Integer.getInteger("covenant.crash.rounds", 3);
        long seed = Long.getLong("covenant.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        log.info("crash test: {} rounds, seed {} (-Dcovenant.crash.seed to repeat)", rounds, seed);

        start("start-0");
        String environment = setUp();
        for (int round = 1; round <= rounds; round++) {
            int written = writeUntilKilled(round, environment, 2_000 + random.nextInt(3_000));
            assertThat(refused).as("writes refused while the registry ran").isEmpty();
            start("start-" + round);
            List<String> missing = missingWrites();
            log.info("round {}: {} writes acknowledged in this round, {} in all, {} missing after the restart",
                    round, written, acknowledged.size(), missing.size());
            assertThat(missing).as("acknowledged writes missing after kill -9 in round %d (seed %d)", round, seed)
                    .isEmpty();
            assertHeadsResolve();
        }
        assertThat(acknowledged).as("the test wrote something").hasSizeGreaterThan(rounds);
        Set<String> expectedEvents = acknowledged.stream().map(Acknowledged::eventKey).collect(Collectors.toSet());
        try {
            await().atMost(Duration.ofSeconds(Integer.getInteger("covenant.crash.delivery-seconds", 90)))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> deliveredEvents().containsAll(expectedEvents));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Set<String> undelivered = expectedEvents.stream().filter(key -> !deliveredEvents().contains(key))
                    .collect(Collectors.toSet());
            throw new AssertionError("events of acknowledged writes not delivered (seed " + seed + "): " + undelivered
                    + "\nparked: " + send("GET", "/notifications/deliveries?status=parked&limit=20", null, 0).body()
                    + "\npending: " + send("GET", "/notifications/deliveries?status=pending&limit=20", null, 0).body(),
                    e);
        }
    }

    /** The team owning every application, subscribed to the four event types; an environment to deploy to. */
    String setUp() throws IOException, InterruptedException {
        List<String> applications = new ArrayList<>(List.of(PROVIDER, API));
        for (int w = 0; w < WRITERS; w++) {
            applications.add(consumer(w));
        }
        send("PUT", "/teams/crash", json.writeValueAsString(java.util.Map.of("applications", applications)), 200);
        send("POST", "/teams/crash/subscriptions", json.writeValueAsString(java.util.Map.of("url",
                receiver.url("/hook"), "events", List.of("pact.published", "verification.published",
                        "contract.published", "deployment.recorded"))), 201);
        return json.readTree(send("POST", "/environments", "{\"name\":\"crash\",\"production\":true}", 201).body())
                .path("uuid").asString();
    }

    static String consumer(int writer) {
        return "crash-consumer-" + writer;
    }

    /** Writers publish until the registry is killed, {@code killAfterMillis} after they start. */
    int writeUntilKilled(int round, String environment, long killAfterMillis) throws InterruptedException {
        AtomicBoolean killing = new AtomicBoolean();
        int before = acknowledged.size();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.submit(() -> write(round, writer, environment, killing));
        }
        Thread.sleep(killAfterMillis);
        killing.set(true);
        registry.destroyForcibly().waitFor(); // SIGKILL on Unix: no shutdown hook, no flush
        writers.shutdown();
        assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        return acknowledged.size() - before;
    }

    void write(int round, int writer, String environment, AtomicBoolean killing) {
        for (int n = 0; !killing.get(); n++) {
            String version = round + "." + writer + "." + n;
            try {
                String verifyHref = publishPact(writer, version);
                publishVerification(verifyHref, version);
                publishDocument(version);
                deploy(version, environment);
            } catch (IOException e) {
                // the kill: connection refused or reset; whatever was not answered is not acknowledged
                log.debug("writer {} stopped: {}", writer, e.toString());
                return;
            } catch (RuntimeException e) {
                if (!killing.get()) {
                    refused.add(e.getMessage());
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    String publishPact(int writer, String version) throws IOException, InterruptedException {
        String description = "a request for item " + version;
        String pact = """
                {"consumer": {"name": "%s"}, "provider": {"name": "%s"},
                 "interactions": [{"description": "%s", "request": {"method": "GET", "path": "/items/%s"},
                   "response": {"status": 200, "body": {"id": "%s"}}}],
                 "metadata": {"pactSpecification": {"version": "3.0.0"}}}
                """.formatted(consumer(writer), PROVIDER, description, version, version);
        String path = "/pacts/provider/" + PROVIDER + "/consumer/" + consumer(writer) + "/version/" + version;
        HttpResponse<String> answer = send("PUT", path, pact, 0);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("pact refused: " + answer.statusCode() + " " + answer.body());
        }
        acknowledged.add(new Acknowledged("pact", path, description, "pact.published", consumer(writer), version));
        return json.readTree(answer.body()).path("_links").path("pb:publish-verification-results").path("href")
                .asString();
    }

    void publishVerification(String href, String version) throws IOException, InterruptedException {
        String providerVersion = "v" + version;
        HttpResponse<String> answer = send("POST", URI.create(href).getRawPath(),
                "{\"success\":true,\"providerApplicationVersion\":\"" + providerVersion + "\"}", 0);
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("verification refused: " + answer.statusCode() + " " + answer.body());
        }
        String location = URI.create(answer.headers().firstValue("Location").orElseThrow()).getRawPath();
        acknowledged.add(new Acknowledged("verification", location, providerVersion, "verification.published",
                PROVIDER, providerVersion));
    }

    void publishDocument(String version) throws IOException, InterruptedException {
        String document = """
                openapi: 3.0.3
                info: {title: Crash %s, version: "%s"}
                paths:
                  /items/{id}:
                    get:
                      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                      responses: {"200": {description: "item %s"}}
                """.formatted(version, version, version);
        String path = "/applications/" + API + "/versions/" + version + "/openapi";
        HttpResponse<String> answer = send("PUT", path + "?branch=main", document, 0, "application/yaml");
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("document refused: " + answer.statusCode() + " " + answer.body());
        }
        acknowledged.add(new Acknowledged("document", path, "Crash " + version, "contract.published", API, version));
    }

    void deploy(String version, String environment) throws IOException, InterruptedException {
        HttpResponse<String> answer = send("POST", "/pacticipants/" + API + "/versions/" + version
                + "/deployed-versions/environment/" + environment, "{}", 0);
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("deployment refused: " + answer.statusCode() + " " + answer.body());
        }
        String location = URI.create(answer.headers().firstValue("Location").orElseThrow()).getRawPath();
        acknowledged.add(new Acknowledged("deployment", location, environment, "deployment.recorded", API, version));
    }

    /** Each acknowledged write read back: missing, or without the content written, is a lost write. */
    List<String> missingWrites() throws IOException, InterruptedException {
        List<String> missing = new ArrayList<>();
        for (Acknowledged write : acknowledged) {
            HttpResponse<String> answer = send("GET", write.readPath(), null, 0);
            if (answer.statusCode() != 200 || !answer.body().contains(write.expected())) {
                missing.add(write.kind() + " " + write.readPath() + " → " + answer.statusCode());
            }
        }
        return missing;
    }

    /** Latest pacts, documents, versions and deployments resolve to records that exist. */
    void assertHeadsResolve() throws IOException, InterruptedException {
        for (int w = 0; w < WRITERS; w++) {
            if (acknowledged.stream().anyMatch(write -> write.kind().equals("pact"))) {
                String consumer = consumer(w);
                int pact = send("GET", "/pacts/provider/" + PROVIDER + "/consumer/" + consumer + "/latest", null, 0)
                        .statusCode();
                int version = send("GET", "/pacticipants/" + consumer + "/latest-version", null, 0).statusCode();
                assertThat(List.of(pact, version)).as("heads of %s", consumer).allMatch(status -> status == 200
                        || status == 404 && acknowledged.stream().noneMatch(write -> consumer.equals(write.application())));
            }
        }
        if (acknowledged.stream().anyMatch(write -> write.kind().equals("document"))) {
            assertThat(send("GET", "/applications/" + API + "/openapi/latest?branch=main", null, 0).statusCode())
                    .isEqualTo(200);
        }
        String environments = send("GET", "/environments", null, 200).body();
        int currentlyDeployed = 0;
        for (JsonNode environment : json.readTree(environments).path("_embedded").path("environments")) {
            String deployed = send("GET", "/environments/" + environment.path("uuid").asString()
                    + "/deployed-versions/currently-deployed", null, 200).body();
            for (JsonNode deployment : json.readTree(deployed).path("_embedded").path("deployedVersions")) {
                assertThat(send("GET", "/deployed-versions/" + deployment.path("uuid").asString(), null, 0).statusCode())
                        .as("currently deployed %s", deployment).isEqualTo(200);
                currentlyDeployed++;
            }
        }
        if (acknowledged.stream().anyMatch(write -> write.kind().equals("deployment"))) {
            assertThat(currentlyDeployed).as("an acknowledged deployment is currently deployed").isPositive();
        }
        assertThat(send("GET", "/can-i-deploy?pacticipant=" + API + "&latest=true&to=production", null, 0).statusCode())
                .as("can-i-deploy answers from consistent records").isLessThan(500);
    }

    Set<String> deliveredEvents() {
        return receiver.received().stream()
                .map(request -> json.readTree(request.body()))
                .map(body -> body.path("type").asString() + " " + body.path("application").asString() + " "
                        + body.path("version").asString())
                .collect(Collectors.toSet());
    }

    HttpResponse<String> send(String method, String path, String body, int expected)
            throws IOException, InterruptedException {
        return send(method, path, body, expected, "application/json");
    }

    HttpResponse<String> send(String method, String path, String body, int expected, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (expected != 0) {
            assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isEqualTo(expected);
        }
        return answer;
    }

    /** Starts the registry in its own JVM on the data folder and waits until it answers. */
    void start(String name) throws IOException {
        Path logFile = dir.resolve(name + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CovenantRegistry.class.getName(), "--server.port=0", "--covenant.storage.mongodb-uri=",
                "--covenant.storage.data-dir=" + dir.resolve("data"), "--covenant.notifications.allow-http=true",
                "--covenant.notifications.allow-private-addresses=true",
                "--covenant.notifications.retry.initial-backoff=200ms", "--covenant.jobs.poll-interval=100ms",
                "--covenant.jobs.lease=10s", "--covenant.jobs.workers=2",
                // durability is the subject here, not back-pressure: a cold, restarted registry's slow first jobs
                // would otherwise refuse writes (ADR 0026)
                "--covenant.jobs.max-backlog-wait=10m");
        registry = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        Process started = registry;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(logFile).contains("Started CovenantRegistry") || !started.isAlive());
        String output = Files.readString(logFile);
        assertThat(started.isAlive()).as(output).isTrue();
        Matcher port = PORT.matcher(output);
        assertThat(port.find()).as(output).isTrue();
        base = "http://127.0.0.1:" + port.group(1);
    }
}
