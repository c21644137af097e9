package dev.covenant.registry.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds a running registry through the Pact Broker API, then measures {@code for-verification} and
 * {@code can-i-deploy} under a closed-loop load of a fixed pool of clients. Run on demand by
 * {@code docs/benchmarks/broker-load.sh}; not part of the test suite (JDK only, no test framework).
 *
 * <p>Arguments: {@code baseUrl apps versions seconds clients [seed|noseed]}.
 */
public final class BrokerLoad {

    private static final int LAYERS = 5;
    private static final int PROVIDERS_PER_CONSUMER = 3;
    /** A pact is published for every PACT_EVERY-th main version; its content changes every CONTENT_EVERY versions. */
    private static final int PACT_EVERY = 5;
    private static final int CONTENT_EVERY = 10;
    /** Versions {@code v % 10 == 9} go to a feature branch, one per 100 versions. */
    private static final int FEATURE_SLOT = 9;
    private static final Pattern VERIFY_LINK = Pattern.compile(
            "\"pb:publish-verification-results\"\\s*:\\s*\\{[^}]*\"href\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern UUID_FIELD = Pattern.compile("\"uuid\"\\s*:\\s*\"([^\"]+)\"");

    private final String base;
    private final int apps;
    private final int versions;
    private final HttpClient http;

    private BrokerLoad(String base, int apps, int versions) {
        this.base = base;
        this.apps = apps;
        this.versions = versions;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(4))
                .build();
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:19393";
        int apps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int versions = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        boolean seed = args.length <= 5 || !"noseed".equals(args[5]);
        BrokerLoad load = new BrokerLoad(base, apps, versions);
        if (seed) {
            load.seed(clients);
        }
        load.measure("for-verification", seconds, clients, load::forVerification);
        load.measure("can-i-deploy", seconds, clients, load::canIDeploy);
        System.exit(0);
    }

    // ---- the shape ----------------------------------------------------------------------------------------

    static String app(int index) {
        return String.format(Locale.ROOT, "app-%03d", index);
    }

    private int layer(int index) {
        return index * LAYERS / apps;
    }

    /** Each application outside the last layer consumes three applications of the next layer. */
    private List<Integer> providersOf(int index) {
        int layer = layer(index);
        if (layer == LAYERS - 1) {
            return List.of();
        }
        int start = firstOf(layer + 1);
        int size = firstOf(layer + 2) - start;
        List<Integer> providers = new ArrayList<>();
        for (int k = 0; k < PROVIDERS_PER_CONSUMER && k < size; k++) {
            int provider = start + (index * 7 + k * 5) % size;
            if (!providers.contains(provider)) {
                providers.add(provider);
            }
        }
        return providers;
    }

    private int firstOf(int layer) {
        return (layer * apps + LAYERS - 1) / LAYERS;
    }

    static String version(int v) {
        return "1.0." + v;
    }

    static String branch(int v) {
        return v % 10 == FEATURE_SLOT ? "feature-" + (v / 100) : "main";
    }

    /** The latest main version with pacts: the one deployed to production. */
    private int latestMain() {
        return (versions - 1) / PACT_EVERY * PACT_EVERY;
    }

    // ---- seeding ------------------------------------------------------------------------------------------

    private void seed(int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long started = System.nanoTime();
            int integrations = 0;
            for (int a = 0; a < apps; a++) {
                integrations += providersOf(a).size();
            }
            System.out.printf(Locale.ROOT, "shape: %d applications in %d layers, %d integrations, %d versions each%n",
                    apps, LAYERS, integrations, versions);

            long n = phase(pool, "versions (PUT branch version)", apps * versions, i -> {
                int a = i % apps;
                int v = i / apps;
                return put("/pacticipants/" + app(a) + "/branches/" + branch(v) + "/versions/" + version(v), "");
            });
            long pacts = phase(pool, "pacts (POST /contracts/publish)", apps * versions, i -> {
                int a = i % apps;
                int v = i / apps;
                if (providersOf(a).isEmpty() || !hasPact(v)) {
                    return 0;
                }
                return publish(a, v);
            });
            long verified = phase(pool, "verifications (POST pb:publish-verification-results)", apps * versions, i -> {
                int a = i % apps;
                int v = i / apps;
                if (providersOf(a).isEmpty() || !hasPact(v) || !branch(v).equals("main")) {
                    return 0;
                }
                int done = 0;
                for (int p : providersOf(a)) {
                    done += verify(a, p, v);
                }
                return done;
            });
            String production = environment("production", true);
            String test = environment("test", false);
            int latest = latestMain();
            long deployed = phase(pool, "deployments (POST deployed-versions)", apps, a -> {
                int d = deploy(a, latest, production);
                return d + deploy(a, latest - 10, test);
            });
            System.out.printf(Locale.ROOT, "seeded %d versions, %d pact publications, %d verifications, %d deployments "
                    + "in %.0f s%n", n, pacts, verified, deployed, (System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static boolean hasPact(int v) {
        return v % PACT_EVERY == 0 || v % 10 == FEATURE_SLOT;
    }

    private long phase(ExecutorService pool, String name, int tasks, IntFunction<Integer> task) throws Exception {
        long started = System.nanoTime();
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        int workers = ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                for (long i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                    done.addAndGet(task.apply((int) i));
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double secs = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "  %-55s %7d in %6.1f s (%.0f/s)%n", name, done.get(), secs, done.get() / secs);
        return done.get();
    }

    private int publish(int a, int v) {
        String consumer = app(a);
        boolean feature = !branch(v).equals("main");
        int content = feature ? v : v / CONTENT_EVERY;
        StringBuilder contracts = new StringBuilder();
        for (int p : providersOf(a)) {
            String provider = app(p);
            String pact = pactJson(consumer, provider, content, feature);
            if (contracts.length() > 0) {
                contracts.append(',');
            }
            contracts.append("{\"consumerName\":\"").append(consumer).append("\",\"providerName\":\"").append(provider)
                    .append("\",\"specification\":\"pact\",\"contentType\":\"application/json\",\"content\":\"")
                    .append(Base64.getEncoder().encodeToString(pact.getBytes(StandardCharsets.UTF_8))).append("\"}");
        }
        String body = "{\"pacticipantName\":\"" + consumer + "\",\"pacticipantVersionNumber\":\"" + version(v)
                + "\",\"branch\":\"" + branch(v) + "\",\"contracts\":[" + contracts + "]}";
        send("POST", "/contracts/publish", body, 200);
        return 1;
    }

    /** A small pact whose content depends on {@code content}, so versions in the same block de-duplicate. */
    private static String pactJson(String consumer, String provider, int content, boolean feature) {
        String path = "/items/" + content + (feature ? "/wip" : "");
        return "{\"consumer\":{\"name\":\"" + consumer + "\"},\"provider\":{\"name\":\"" + provider + "\"},"
                + "\"interactions\":[{\"description\":\"get item " + content + "\",\"providerState\":\"item exists\","
                + "\"request\":{\"method\":\"GET\",\"path\":\"" + path + "\"},"
                + "\"response\":{\"status\":200,\"headers\":{\"Content-Type\":\"application/json\"},"
                + "\"body\":{\"id\":" + content + ",\"name\":\"item\"}}},"
                + "{\"description\":\"list items\",\"request\":{\"method\":\"GET\",\"path\":\"/items\"},"
                + "\"response\":{\"status\":200,\"body\":[{\"id\":1}]}}],"
                + "\"metadata\":{\"pactSpecification\":{\"version\":\"2.0.0\"}}}";
    }

    /** The provider's main version with the same number verifies the pact (one in twenty fails). */
    private int verify(int consumer, int provider, int v) {
        String pact = send("GET", "/pacts/provider/" + app(provider) + "/consumer/" + app(consumer) + "/version/"
                + version(v), null, 200);
        Matcher link = VERIFY_LINK.matcher(pact);
        if (!link.find()) {
            throw new IllegalStateException("no pb:publish-verification-results link in " + pact);
        }
        boolean success = (consumer + v) % 20 != 0;
        String body = "{\"success\":" + success + ",\"providerApplicationVersion\":\"" + version(v)
                + "\",\"buildUrl\":\"http://ci.example/" + app(provider) + "/" + v + "\"}";
        send("POST", URI.create(link.group(1)), body, 201);
        return 1;
    }

    private String environment(String name, boolean production) {
        String body = send("POST", "/environments", "{\"name\":\"" + name + "\",\"production\":" + production + "}", 201);
        Matcher uuid = UUID_FIELD.matcher(body);
        if (!uuid.find()) {
            throw new IllegalStateException("no uuid in " + body);
        }
        return uuid.group(1);
    }

    private int deploy(int a, int v, String environment) {
        send("POST", "/pacticipants/" + app(a) + "/versions/" + version(v) + "/deployed-versions/environment/"
                + environment, "{}", 201);
        return 1;
    }

    // ---- load ---------------------------------------------------------------------------------------------

    private static final String FOR_VERIFICATION_BODY = "{\"consumerVersionSelectors\":[{\"mainBranch\":true},"
            + "{\"deployedOrReleased\":true}],\"includePendingStatus\":true,\"providerVersionBranch\":\"main\","
            + "\"includeWipPactsSince\":\"2020-01-01\"}";

    /** A random provider (an application with consumers). */
    private HttpRequest forVerification(ThreadLocalRandom random) {
        int provider = firstOf(1) + random.nextInt(apps - firstOf(1));
        return request("POST", URI.create(base + "/pacts/provider/" + app(provider) + "/for-verification"),
                FOR_VERIFICATION_BODY);
    }

    /** A random application at one of its last ten main versions with pacts. */
    private HttpRequest canIDeploy(ThreadLocalRandom random) {
        int a = random.nextInt(apps);
        int v = Math.max(0, latestMain() - PACT_EVERY * random.nextInt(10));
        return request("GET", URI.create(base + "/can-i-deploy?pacticipant=" + encode(app(a)) + "&version="
                + encode(version(v)) + "&environment=production"), null);
    }

    private interface RequestFactory {
        HttpRequest next(ThreadLocalRandom random);
    }

    private void measure(String name, int seconds, int clients, RequestFactory factory) throws Exception {
        // warm-up at full load, not recorded: on a busy two-core machine the JIT needs tens of seconds
        run(Math.max(5, seconds / 2), clients, factory);
        Result result = run(seconds, clients, factory);
        long[] all = result.latencies;
        Arrays.sort(all);
        System.out.printf(Locale.ROOT, "%-17s clients %d, %d s: %d requests, %.1f req/s, p50 %.1f ms, p90 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms, errors %d%n", name, clients, seconds, all.length,
                all.length / result.seconds, pct(all, 50), pct(all, 90), pct(all, 99),
                all.length == 0 ? 0 : all[all.length - 1] / 1000.0, result.errors);
        if (result.firstError != null) {
            System.out.println("  first error: " + result.firstError);
        }
    }

    private record Result(long[] latencies, double seconds, long errors, String firstError) {
    }

    private Result run(int seconds, int clients, RequestFactory factory) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        String[] firstError = new String[1];
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int count = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    HttpRequest request = factory.next(random);
                    long t0 = System.nanoTime();
                    int status;
                    String error = null;
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        status = response.statusCode();
                        if (status != 200) {
                            error = request.uri() + " -> " + status + " " + new String(response.body(), StandardCharsets.UTF_8);
                        }
                    } catch (java.io.IOException e) {
                        error = request.uri() + " -> " + e;
                    }
                    long micros = (System.nanoTime() - t0) / 1000;
                    if (error != null) {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = error.length() > 300 ? error.substring(0, 300) : error;
                            }
                        }
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = micros;
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> future : futures) {
            parts.add(future.get());
        }
        pool.shutdown();
        double secs = (System.nanoTime() - started) / 1e9;
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(all, secs, errors.get(), firstError[0]);
    }

    private static double pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1000.0;
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------

    private int put(String path, String body) {
        send("PUT", path, body, 200);
        return 1;
    }

    private String send(String method, String path, String body, int expected) {
        return send(method, URI.create(base + path), body, expected);
    }

    private String send(String method, URI uri, String body, int expected) {
        HttpRequest request = request(method, uri, body);
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == expected || (status / 100 == 2 && expected / 100 == 2)) {
                    return response.body();
                }
                if (status < 500 || attempt == 3) {
                    throw new IllegalStateException(method + " " + uri + " -> " + status + ": " + response.body());
                }
            } catch (java.io.IOException e) {
                if (attempt == 3) {
                    throw new IllegalStateException(method + " " + uri + " failed", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static HttpRequest request(String method, URI uri, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/hal+json");
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
