package dev.covenant.registry.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publish → webhook latency and loss under a steady publish rate. Sets up a team whose subscription listens to
 * {@code pact.published}, starts a receiver on loopback, then publishes a new pact version (new content each
 * time) at a fixed rate, open loop, and measures from the start of each publish request to the arrival of its
 * notification. Run on demand by {@code docs/benchmarks/notification-load.sh}; JDK only, not a test.
 *
 * <p>Arguments: {@code baseUrl publishesPerSecond seconds [maxInFlight] [warmupSeconds]}. At most
 * {@code maxInFlight} publishes are outstanding: when the registry cannot keep up, the schedule waits (the
 * achieved rate is reported) instead of piling up requests that all time out. The warm-up publishes at the
 * same rate first and is not measured. A publish answered 429 or 503 with {@code Retry-After} is counted as refused
 * (back-pressure, not a failure, not retried); any other answer above 2xx, a missing {@code Retry-After} or a
 * timeout is a failure. After the last publish it reports how fast the remaining notifications arrived (the
 * backlog's drain rate).
 */
public final class NotificationLoad {

    private static final AtomicInteger refused = new AtomicInteger();
    private static final AtomicInteger timeouts = new AtomicInteger();
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int maxInFlight = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        String run = Long.toHexString(System.currentTimeMillis());
        String consumer = "bench-consumer-" + run;
        String provider = "bench-provider-" + run;
        String team = "bench-team-" + run;

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher version = VERSION.matcher(body);
            if (version.find() && receivedAt.putIfAbsent(version.group(1), now) != null) {
                duplicates.incrementAndGet();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(4)).build();
        send(http, "PUT", base + "/teams/" + team, "{\"applications\":[\"" + consumer + "\"]}");
        send(http, "POST", base + "/teams/" + team + "/subscriptions", "{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hook\",\"format\":\"json\",\"events\":[\"pact.published\"]}");

        if (warmup > 0) {
            Map<String, Long> ignored = new ConcurrentHashMap<>();
            drive(http, base, provider, consumer, "0.", rate, rate * warmup, maxInFlight, ignored,
                    Collections.synchronizedList(new ArrayList<>()), new AtomicInteger());
            Thread.sleep(5_000);
            receivedAt.clear();
            duplicates.set(0);
        }
        int total = rate * seconds;
        List<Long> publishMillis = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failedPublishes = new AtomicInteger();
        refused.set(0);
        timeouts.set(0);
        long started = System.nanoTime();
        drive(http, base, provider, consumer, "1.", rate, total, maxInFlight, sentAt, publishMillis, failedPublishes);
        long publishEnd = System.nanoTime();
        double publishSeconds = (publishEnd - started) / 1e9;
        int receivedByPublishEnd = receivedAt.size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (System.nanoTime() < deadline && (publishMillis.size() < total || !receivedAt.keySet().containsAll(sentAt.keySet()))) {
            Thread.sleep(200);
        }
        double drainSeconds = (System.nanoTime() - started) / 1e9;
        long lastArrival = receivedAt.values().stream().mapToLong(Long::longValue).max().orElse(publishEnd);
        int drained = receivedAt.size() - receivedByPublishEnd;
        double drainAfterPublish = Math.max(0, (lastArrival - publishEnd) / 1e9);
        List<Long> latencies = new ArrayList<>();
        sentAt.forEach((version, t0) -> {
            Long t1 = receivedAt.get(version);
            if (t1 != null) {
                latencies.add((t1 - t0) / 1_000_000);
            }
        });
        Collections.sort(latencies);
        List<Long> publishes = new ArrayList<>(publishMillis);
        Collections.sort(publishes);
        int lost = sentAt.size() - latencies.size();
        System.out.printf(Locale.ROOT, "target %d/s for %d s, at most %d in flight, %d s warm-up%n", rate, seconds,
                maxInFlight, warmup);
        System.out.printf(Locale.ROOT, "publishes: %d sent over %.1f s (%.1f/s offered), %d accepted, %d refused with 429/503 + Retry-After, %d failed (%d timeouts); publish request p50 %d ms, p99 %d ms, max %d ms%n",
                total, publishSeconds, total / publishSeconds, sentAt.size(), refused.get(), failedPublishes.get(),
                timeouts.get(), pct(publishes, 50), pct(publishes, 99), pct(publishes, 100));
        System.out.printf(Locale.ROOT, "backlog after the last publish: %d notifications in %.1f s (%s)%n", drained,
                drainAfterPublish, drained < 20 || drainAfterPublish < 0.5 ? "no backlog to speak of"
                        : String.format(Locale.ROOT, "%.1f events/s drained", drained / drainAfterPublish));
        System.out.printf(Locale.ROOT, "notifications: %d of %d received (%d lost, %d duplicates), all in by %.1f s%n",
                latencies.size(), sentAt.size(), lost, duplicates.get(), drainSeconds);
        System.out.printf(Locale.ROOT, "publish -> webhook received: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), pct(latencies, 100));
        receiver.stop(0);
        System.exit(lost == 0 && duplicates.get() == 0 && failedPublishes.get() == 0 ? 0 : 1);
    }

    /** Publishes {@code total} pacts at {@code rate} per second, at most {@code maxInFlight} at a time. */
    private static void drive(HttpClient http, String base, String provider, String consumer, String prefix, int rate,
            int total, int maxInFlight, Map<String, Long> sentAt, List<Long> publishMillis, AtomicInteger failed)
            throws InterruptedException {
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(maxInFlight);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int n = 0; n < total; n++) {
            long due = start + n * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            inFlight.acquire();
            String version = prefix + n;
            long t0 = System.nanoTime();
            sentAt.put(version, t0);
            http.sendAsync(publish(base, provider, consumer, version, n), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        inFlight.release();
                        publishMillis.add((System.nanoTime() - t0) / 1_000_000);
                        if (error == null && (response.statusCode() == 429 || response.statusCode() == 503)
                                && response.headers().firstValue("Retry-After").isPresent()) {
                            refused.incrementAndGet();
                            sentAt.remove(version);
                            return;
                        }
                        if (error != null && (error instanceof java.net.http.HttpTimeoutException
                                || error.getCause() instanceof java.net.http.HttpTimeoutException)) {
                            timeouts.incrementAndGet();
                        }
                        if (error != null || response.statusCode() >= 300) {
                            if (failed.incrementAndGet() <= 5) {
                                System.err.println("publish " + version + " failed: "
                                        + (error != null ? error : "HTTP " + response.statusCode()));
                            }
                            sentAt.remove(version);
                        }
                    });
        }
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
    }

    private static HttpRequest publish(String base, String provider, String consumer, String version, int n) {
        String pact = "{\"consumer\":{\"name\":\"" + consumer + "\"},\"provider\":{\"name\":\"" + provider + "\"},"
                + "\"interactions\":[{\"description\":\"get item " + n + "\",\"request\":{\"method\":\"GET\",\"path\":\"/items/"
                + n + "\"},\"response\":{\"status\":200}}],\"metadata\":{\"pactSpecification\":{\"version\":\"3.0.0\"}}}";
        return HttpRequest.newBuilder(URI.create(base + "/pacts/provider/" + provider + "/consumer/" + consumer
                        + "/version/" + version))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(pact)).build();
    }

    private static void send(HttpClient http, String method, String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static long pct(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
