package dev.covenant.registry.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pact publish throughput and latency, closed loop: {@code clients} threads each publish a new pact version (new
 * content each time) and wait for the answer before the next, until {@code publishes} are answered. Prints the
 * achieved publishes per second and latency percentiles. Run on demand by
 * {@code docs/benchmarks/publish-durability.sh}; JDK only, not a test.
 *
 * <p>Arguments: {@code baseUrl publishes clients [warmup]}; the warm-up publishes are not measured.
 */
public final class PublishLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int publishes = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        run(http, base, "warmup", warmup, clients);
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        int failed = run(http, base, "run", publishes, clients, micros);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "clients=%d publishes=%d failed=%d seconds=%.1f throughput=%.1f/s "
                        + "p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms%n", clients, sorted.size(), failed, seconds,
                sorted.size() / seconds, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), pct(sorted, 100));
    }

    static int run(HttpClient http, String base, String prefix, int count, int clients) throws InterruptedException {
        return run(http, base, prefix, count, clients, Collections.synchronizedList(new ArrayList<>()));
    }

    static int run(HttpClient http, String base, String prefix, int count, int clients, List<Long> micros)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    String version = prefix + "-" + System.nanoTime() + "-" + n;
                    String consumer = "bench-consumer-" + (n % 8);
                    String pact = """
                            {"consumer": {"name": "%s"}, "provider": {"name": "bench-provider"},
                             "interactions": [{"description": "item %s", "request": {"method": "GET", "path": "/items/%s"},
                               "response": {"status": 200, "body": {"id": "%s"}}}],
                             "metadata": {"pactSpecification": {"version": "3.0.0"}}}
                            """.formatted(consumer, version, version, version);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/pacts/provider/bench-provider/consumer/"
                                    + consumer + "/version/" + version)).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(pact))
                            .build();
                    long began = System.nanoTime();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status / 100 == 2) {
                            micros.add((System.nanoTime() - began) / 1_000);
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        return failed.get();
    }

    static double pct(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1000.0;
    }
}
