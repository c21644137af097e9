package dev.covenant.registry.pacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.notifications.Receiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * The store commands a pact publish costs, through to its webhook (issue 16: about a third of the CPU per publish is
 * per store command): a new version of a consumer with new content, published through the Pact Broker's PUT and
 * awaited until the team's subscription received it, counted by the driver's command listener. Publishes run one
 * after another, so the count is exact, not a rate; the job workers' idle polling is slowed down so that it does not
 * weigh on it. Also that re-publishing the same pact writes nothing new and notifies nothing new.
 */
@Import(PublishCommandsTest.Counting.class)
@TestPropertySource(properties = {"covenant.notifications.allow-http=true",
        "covenant.notifications.allow-private-addresses=true", "covenant.jobs.poll-interval=30s"})
class PublishCommandsTest extends RegistryTest {

    /** Store commands per publish → webhook, at most (issue 16's target; 35.5 before it). */
    static final double BOUND = 25.0;

    private final Receiver receiver = Receiver.start();

    @Autowired
    CommandLog commands;

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aPublishThroughToItsWebhookCostsAtMostTwentyFiveStoreCommands() {
        String consumer = unique("cmd-web");
        String provider = unique("cmd-api");
        String team = unique("cmd-team");
        subscribe(team, consumer);
        for (int n = 0; n < 3; n++) { // warm-up: the application, the integration, the caches' first loads
            publishAndAwait(provider, consumer, "0." + n, n);
        }

        int publishes = 10;
        commands.reset();
        for (int n = 0; n < publishes; n++) {
            publishAndAwait(provider, consumer, "1." + n, 100 + n);
        }
        Map<String, Long> byCommand = commands.counts();
        long total = byCommand.values().stream().mapToLong(Long::longValue).sum();
        String breakdown = byCommand.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> String.format(java.util.Locale.ROOT, "%5.2f %s", entry.getValue() / (double) publishes,
                        entry.getKey()))
                .collect(Collectors.joining("\n"));
        System.out.println("Store commands per publish: " + (double) total / publishes + "\n" + breakdown);
        assertThat((double) total / publishes).as("store commands per publish → webhook:\n%s", breakdown)
                .isLessThanOrEqualTo(BOUND);
    }

    @Test
    void republishingTheSamePactChangesNothingAndNotifiesOnce() {
        String consumer = unique("cmd-again");
        String provider = unique("cmd-api");
        String team = unique("cmd-team");
        subscribe(team, consumer);
        publishAndAwait(provider, consumer, "1.0.0", 7);

        commands.reset();
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/1.0.0", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact(provider, consumer, 7)).exchange()
                .expectStatus().isOk();
        assertThat(commands.counts().keySet()).as("a re-publish writes no version, publication, content or list entry")
                .doesNotContain("insert versions", "insert pact_publications", "insert contents", "update history_index",
                        "update pact_contents");
        http.get().uri("/pacts/provider/{p}/consumer/{c}/versions", provider, consumer).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$._links['pb:pact-versions'].length()").isEqualTo(1);
        http.get().uri("/pacticipants/{c}/versions", consumer).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$._embedded.versions.length()").isEqualTo(1);
        // the same fact is the same event: no second notification
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> receiver.received().size() == 1);
    }

    private void subscribe(String team, String consumer) {
        http.put().uri("/teams/{t}", team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("applications", List.of(consumer))).exchange().expectStatus().isOk();
        http.post().uri("/teams/{t}/subscriptions", team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", receiver.url("/hook"), "format", "json", "events", List.of("pact.published")))
                .exchange().expectStatus().isCreated();
    }

    private void publishAndAwait(String provider, String consumer, String version, int n) {
        int before = receiver.received().size();
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", provider, consumer, version)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact(provider, consumer, n)).exchange()
                .expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() > before);
        assertThat(receiver.received().get(before).body()).contains("\"" + version + "\"");
    }

    static String pact(String provider, String consumer, int n) {
        return "{\"consumer\":{\"name\":\"" + consumer + "\"},\"provider\":{\"name\":\"" + provider + "\"},"
                + "\"interactions\":[{\"description\":\"get item " + n + "\",\"request\":{\"method\":\"GET\","
                + "\"path\":\"/items/" + n + "\"},\"response\":{\"status\":200}}],"
                + "\"metadata\":{\"pactSpecification\":{\"version\":\"3.0.0\"}}}";
    }

    /** Counts the commands the registry's client starts, by command name and collection. */
    static final class CommandLog implements CommandListener {

        private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            String name = event.getCommandName();
            var command = event.getCommand();
            String collection = command.containsKey(name) && command.get(name).isString()
                    ? command.getString(name).getValue() : "";
            counts.computeIfAbsent(name + " " + collection, ignored -> new AtomicLong()).incrementAndGet();
        }

        void reset() {
            counts.clear();
        }

        Map<String, Long> counts() {
            Map<String, Long> copy = new TreeMap<>();
            counts.forEach((key, count) -> copy.put(key, count.get()));
            return copy;
        }
    }

    @TestConfiguration
    static class Counting {

        @Bean
        CommandLog commandLog() {
            return new CommandLog();
        }
    }
}
