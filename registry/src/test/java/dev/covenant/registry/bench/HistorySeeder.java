package dev.covenant.registry.bench;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.CovenantRegistry;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.pacts.PactSeeding;
import dev.covenant.registry.pacts.PactService;
import dev.covenant.registry.verifications.VerificationSeeding;
import dev.covenant.registry.verifications.VerificationService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Seeds an embedded store with a Pact Broker-sized history in process, through the feature services and their
 * stores (the same writes, heads and events as the HTTP API, without HTTP and without the background checks).
 * The shape follows Pact Broker issue #872 at {@code fraction} 1.0: 60 applications, ~190,000 versions, ~3,600
 * branches, ~170,000 pact publications, ~60,000 verifications. Run by {@code docs/benchmarks/history-scale.sh};
 * not part of the test suite.
 *
 * <p>Arguments: {@code dataDir fraction [apps]}.
 */
public final class HistorySeeder {

    static final int FULL_VERSIONS_PER_APP = 3_167;
    /** A version {@code v} with {@code v % 4 == 3} goes to a feature branch; one branch per 53 versions. */
    static final int FEATURE_SPAN = 53;
    /** Every 10th version publishes no pact; the rest publish one, to one of two providers in turn. */
    static final int NO_PACT_EVERY = 10;
    /** The pact content changes every CONTENT_EVERY versions of a consumer. */
    static final int CONTENT_EVERY = 10;
    /** The provider verifies the pacts of every VERIFY_EVERY-th round. */
    static final int VERIFY_EVERY = 3;
    /** Every PROD_EVERY-th main version is tagged {@code prod}. */
    static final int PROD_EVERY = 50;
    private static final int CONCURRENCY = 16;

    private HistorySeeder() {
    }

    public static void main(String[] args) {
        String dataDir = args[0];
        double fraction = Double.parseDouble(args[1]);
        int apps = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        seed(dataDir, fraction, apps);
        System.exit(0);
    }

    /** What a seed wrote, counted in the store afterwards. */
    record Seeded(int rounds, long versions, long pacts, long verifications, double seconds) {
    }

    /**
     * Seeds {@code fraction} of the full shape for {@code apps} applications into {@code dataDir}. The registry runs
     * in process with the embedded store's bulk durability (no commit per write; H2 commits about once a second and
     * at close), which is what makes the seed fast: every feature write still goes through its service and store.
     */
    static Seeded seed(String dataDir, double fraction, int apps) {
        int rounds = Math.max(1, (int) Math.round(FULL_VERSIONS_PER_APP * fraction));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CovenantRegistry.class)
                .run("--server.port=0", "--covenant.storage.data-dir=" + dataDir, "--covenant.storage.mongodb-uri=",
                        "--covenant.storage.durability=bulk", "--covenant.jobs.workers=0",
                        // no other instance writes: nothing for the UI index to follow in the event log (a scan)
                        "--covenant.ui.follow-interval=0", "--logging.level.root=WARN");
        try {
            return seed(context, rounds, apps);
        } finally {
            context.close();
        }
    }

    private static Seeded seed(ConfigurableApplicationContext context, int rounds, int apps) {
        PactService pacts = context.getBean(PactService.class);
        VerificationService verifications = context.getBean(VerificationService.class);
        Pacticipants pacticipants = context.getBean(Pacticipants.class);
        MongoDatabase database = context.getBean(MongoDatabase.class);
        AtomicLong published = new AtomicLong();
        AtomicLong verified = new AtomicLong();
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            int v = round;
            Flux.range(0, apps)
                    .flatMap(app -> publish(pacts, pacticipants, apps, app, v, published), CONCURRENCY)
                    .then(Flux.range(0, apps)
                            .filter(app -> v % VERIFY_EVERY == 0 && hasPact(v))
                            .flatMap(app -> verify(verifications, pacts, apps, app, v, verified), CONCURRENCY)
                            .then())
                    .block(Duration.ofMinutes(10));
            if ((round + 1) % Math.max(1, rounds / 20) == 0 || round + 1 == rounds) {
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "round %d/%d: %d versions, %d pacts, %d verifications, %.0f s%n",
                        round + 1, rounds, (long) (round + 1) * apps, published.get(), verified.get(), seconds);
            }
        }
        // The history's background work (checks, notifications) is assumed done long ago: nothing stays queued.
        long queued = Mono.from(database.getCollection("jobs").deleteMany(new Document())).block().getDeletedCount();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "seeded %d applications, %d versions, %d pacts, %d verifications in %.0f s "
                        + "(%.0f versions/s); %d queued jobs dropped%n", apps, (long) rounds * apps, published.get(),
                verified.get(), seconds, rounds * apps / seconds, queued);
        for (String collection : List.of("versions", "branches", "pact_publications", "pact_contents",
                "verifications", "events", "history_index")) {
            System.out.printf(Locale.ROOT, "  %s: %d%n", collection, count(database, collection));
        }
        return new Seeded(rounds, count(database, "versions"), count(database, "pact_publications"),
                count(database, "verifications"), seconds);
    }

    private static long count(MongoDatabase database, String collection) {
        return Mono.from(database.getCollection(collection).countDocuments()).block();
    }

    static String app(int index) {
        return String.format(Locale.ROOT, "app-%02d", index);
    }

    static String version(int round) {
        return "1." + round + ".0";
    }

    static String branch(int round) {
        return round % 4 == 3 ? "feature-" + (round / FEATURE_SPAN) : "main";
    }

    static boolean hasPact(int round) {
        return round % NO_PACT_EVERY != NO_PACT_EVERY - 1;
    }

    /** Each consumer has two providers and publishes to them in turn. */
    static int provider(int apps, int consumer, int round) {
        return (consumer + 1 + (round % 2) * 6) % apps;
    }

    private static Mono<Void> publish(PactService pacts, Pacticipants pacticipants, int apps, int app, int round,
            AtomicLong published) {
        String branch = branch(round);
        List<String> tags = "main".equals(branch) && round % PROD_EVERY == 0 ? List.of("prod") : List.of();
        if (!hasPact(round)) {
            return pacticipants.ensureVersion(app(app), version(round), branch, tags, null).then();
        }
        String provider = app(provider(apps, app, round));
        return PactSeeding.publish(pacts, app(app), version(round), branch, tags, provider,
                        pact(app(app), provider, round / CONTENT_EVERY))
                .doOnNext(sha -> published.incrementAndGet())
                .then();
    }

    private static Mono<Void> verify(VerificationService verifications, PactService pacts, int apps, int app,
            int round, AtomicLong verified) {
        String consumer = app(app);
        String provider = app(provider(apps, app, round));
        return pacts.publication(provider, consumer, version(round))
                .flatMap(publication -> VerificationSeeding.verify(verifications, provider, consumer,
                        publication.sha(), version(round), round % 21 != 0))
                .doOnSuccess(ignored -> verified.incrementAndGet());
    }

    static byte[] pact(String consumer, String provider, int generation) {
        String json = """
                {"consumer":{"name":"%1$s"},"provider":{"name":"%2$s"},"interactions":[
                 {"description":"get item %3$d","providerState":"item %3$d exists",
                  "request":{"method":"GET","path":"/items/%3$d","headers":{"Accept":"application/json"}},
                  "response":{"status":200,"headers":{"Content-Type":"application/json"},
                   "body":{"id":%3$d,"name":"item","consumer":"%1$s"}}},
                 {"description":"list items","request":{"method":"GET","path":"/items","query":"page=%3$d"},
                  "response":{"status":200,"body":[{"id":1}]}}],
                 "metadata":{"pactSpecification":{"version":"2.0.0"}}}""".formatted(consumer, provider, generation);
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
