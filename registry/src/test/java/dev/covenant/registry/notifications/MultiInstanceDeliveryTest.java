package dev.covenant.registry.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import dev.covenant.registry.CovenantRegistry;
import dev.covenant.registry.events.Audience;
import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.events.EventPayload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * Registry instances sharing one store: every notification is delivered once however many instances' workers
 * compete for it, and a delivery in flight when its instance is killed (SIGKILL, no shutdown) is delivered
 * after another instance starts and the lease of the dead one runs out.
 */
class MultiInstanceDeliveryTest {

    static final String[] DELIVERY = {"--covenant.notifications.allow-http=true",
            "--covenant.notifications.allow-private-addresses=true", "--covenant.notifications.retry.initial-backoff=200ms",
            "--covenant.notifications.timeout=60s", "--covenant.jobs.poll-interval=100ms"};

    @TempDir
    Path dataDir;

    final Receiver receiver = Receiver.start();
    final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() {
        receiver.close();
        processes.forEach(Process::destroyForcibly);
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    ConfigurableApplicationContext start(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--covenant.storage.data-dir=" + dataDir));
        all.addAll(List.of(DELIVERY));
        all.addAll(List.of(arguments));
        ConfigurableApplicationContext context = SpringApplication.run(CovenantRegistry.class, all.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    static String storeUri(ConfigurableApplicationContext owner) {
        int port = owner.getBean(MongoClient.class).getClusterDescription().getServerDescriptions().get(0)
                .getAddress().getPort();
        return "mongodb://127.0.0.1:" + port;
    }

    static WebTestClient http(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    void subscribeTeam(WebTestClient http, String team) {
        http.put().uri("/teams/{t}", team).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isOk();
        http.post().uri("/teams/{t}/subscriptions", team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", receiver.url("/hook"))).exchange().expectStatus().isCreated();
    }

    static Event breaking(String team, int n) {
        return Event.of("inventory", "2." + n, new EventPayload.CompatibilityChecked(null, false, null, null, null,
                List.of(new Audience("orders", team, "consumer", List.of(new Audience.Concern(null,
                        "GET /items/{id}", "price", null, "response-property-removed", null, null))))),
                "report-" + n);
    }

    @Test
    void twoInstancesSharingOneStoreDeliverEachNotificationOnce() {
        ConfigurableApplicationContext first = start("--covenant.storage.mongodb-uri=");
        ConfigurableApplicationContext second = start("--covenant.storage.mongodb-uri=" + storeUri(first));
        subscribeTeam(http(first), "checkout");

        int perInstance = 25;
        Flux.range(0, perInstance)
                .concatMap(n -> first.getBean(EventLog.class).record(breaking("checkout", n))
                        .then(second.getBean(EventLog.class).record(breaking("checkout", perInstance + n))))
                .blockLast(Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(90)).until(() -> receiver.received().size() >= 2 * perInstance);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> receiver.received().size() == 2 * perInstance);
        Map<String, Long> perDelivery = receiver.received().stream()
                .collect(Collectors.groupingBy(request -> request.header("X-Covenant-Delivery"), Collectors.counting()));
        assertThat(perDelivery).hasSize(2 * perInstance).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
    }

    @Test
    void deliveryInFlightWhenItsInstanceIsKilledIsDeliveredAfterRestart() throws Exception {
        // the store's owner takes no background work; a child JVM does, and is killed mid-delivery
        ConfigurableApplicationContext owner = start("--covenant.storage.mongodb-uri=", "--covenant.jobs.workers=0");
        String store = storeUri(owner);
        subscribeTeam(http(owner), "payments");
        receiver.holdingFirst(1);

        Process worker = startWorker(store, "worker-1");
        owner.getBean(EventLog.class).record(breaking("payments", 1)).block(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(90)).until(() -> receiver.received().size() == 1);
        worker.destroyForcibly().waitFor();
        receiver.release();

        startWorker(store, "worker-2");
        await().atMost(Duration.ofSeconds(90)).until(() -> receiver.answeredOk().size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
        List<Receiver.Received> requests = receiver.received();
        assertThat(requests.get(1).header("X-Covenant-Delivery"))
                .as("the retry is the same delivery, so a receiver can recognise it")
                .isEqualTo(requests.get(0).header("X-Covenant-Delivery"));
        String id = "delivery:" + requests.get(1).header("X-Covenant-Delivery");
        // the delivery header is "<subscription>:<event>", the job id "delivery:<subscription>:<event>"
        http(owner).get().uri("/notifications/deliveries/{id}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("delivered");
    }

    /** A registry in its own JVM that only works the queue of the given store; SIGKILL ends it. */
    Process startWorker(String storeUri, String name) throws IOException {
        Path log = Files.createTempFile(name, ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CovenantRegistry.class.getName(), "--server.port=0", "--covenant.storage.mongodb-uri=" + storeUri,
                "--covenant.jobs.lease=3s", "--covenant.jobs.workers=2"));
        command.addAll(List.of(DELIVERY));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(log).contains("Started CovenantRegistry") || !process.isAlive());
        assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
        return process;
    }
}
