package dev.covenant.registry.bench;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.CovenantRegistry;
import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;

/**
 * The event log's reads at Pact Broker scale: seeds {@code events} pact-published events into an embedded store
 * (bulk durability, in batches of 1,000, straight into the {@code events} collection in the shape the log writes),
 * or starts the registry on such a store and times its start-up, a follow poll ({@code since}, as the UI's
 * follower and the event stream read), the newest event ({@code latest(1)}) and a prune that finds nothing to
 * delete. Run by {@code docs/benchmarks/event-log-follow.sh}; not part of the test suite.
 *
 * <p>Arguments: {@code seed dataDir events} or {@code measure dataDir}.
 */
public final class EventLogFollow {

    private static final Duration WAIT = Duration.ofMinutes(10);

    private EventLogFollow() {
    }

    public static void main(String[] args) {
        if (args[0].equals("seed")) {
            seed(args[1], Integer.parseInt(args[2]));
        } else {
            measure(args[1]);
        }
        System.exit(0);
    }

    private static ConfigurableApplicationContext start(String dataDir, String durability) {
        return new SpringApplicationBuilder(CovenantRegistry.class)
                .run("--server.port=0", "--covenant.storage.data-dir=" + dataDir, "--covenant.storage.mongodb-uri=",
                        "--covenant.storage.durability=" + durability, "--covenant.jobs.workers=0",
                        // the follower would poll the log by itself; here each read is timed alone
                        "--covenant.ui.follow-interval=0", "--logging.level.root=WARN",
                        "--logging.level.dev.covenant.registry.storage=INFO");
    }

    static void seed(String dataDir, int events) {
        long started = System.nanoTime();
        try (ConfigurableApplicationContext context = start(dataDir, "bulk")) {
            MongoDatabase database = context.getBean(MongoDatabase.class);
            Instant first = Instant.parse("2025-08-01T00:00:00Z");
            Flux.range(1, events)
                    .map(sequence -> event(sequence, first.plusSeconds(sequence * 180L)))
                    .buffer(1000)
                    .concatMap(database.getCollection("events")::insertMany)
                    .blockLast(WAIT);
        }
        System.out.printf(Locale.ROOT, "seeded %d events in %.1f s%n", events, seconds(started));
    }

    /** A pact-published event as {@code EventLog.record} stores it. */
    private static Document event(long sequence, Instant at) {
        String application = "app-" + sequence % 60;
        String version = "1." + sequence / 60 + ".0-" + Long.toHexString(sequence * 2654435761L);
        String sha = Long.toHexString(sequence * 0x9E3779B97F4A7C15L) + Long.toHexString(sequence * 31L);
        Document attributes = new Document("provider", "app-" + (sequence + 7) % 60).append("sha", sha)
                .append("branch", sequence % 4 == 3 ? "feature-" + sequence / 53 : "main")
                .append("tags", sequence % 50 == 0 ? List.of("prod") : List.of()).append("contentChanged", true);
        return new Document("_id", "pact.published|" + application + "|" + version + "|" + sha)
                .append("type", "pact.published").append("application", application).append("version", version)
                .append("attributes", attributes).append("createdAt", Date.from(at)).append("sequence", sequence);
    }

    static void measure(String dataDir) {
        long started = System.nanoTime();
        try (ConfigurableApplicationContext context = start(dataDir, "process")) {
            System.out.printf(Locale.ROOT, "start-up to ready %.1f s%n", seconds(started));
            EventLog log = context.getBean(EventLog.class);
            long newest = time("latest(1)", () -> log.latest(1).next().map(Event::sequence).block(WAIT));
            for (int round = 0; round < 3; round++) {
                time("since(newest - 100, 200)", () -> log.since(newest - 100, 200).count().block(WAIT));
                time("latest(1)", () -> log.latest(1).next().map(Event::sequence).block(WAIT));
            }
            time("pruneBefore(before the oldest)", () -> log.pruneBefore(Instant.parse("2025-01-01T00:00:00Z"))
                    .block(WAIT));
        }
    }

    private static <T> T time(String what, Supplier<T> read) {
        long started = System.nanoTime();
        T answer = read.get();
        System.out.printf(Locale.ROOT, "%-32s %10.1f ms -> %s%n", what, (System.nanoTime() - started) / 1e6, answer);
        return answer;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
