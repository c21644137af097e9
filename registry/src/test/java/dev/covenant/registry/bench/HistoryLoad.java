package dev.covenant.registry.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the read paths of a registry seeded by {@link HistorySeeder}: for-verification, can-i-deploy, the
 * matrix, the catalog page and an application page, one client in a closed loop per endpoint (service time, not
 * queueing). Run by {@code docs/benchmarks/history-scale.sh}; not part of the test suite (JDK only).
 *
 * <p>Arguments: {@code baseUrl rounds secondsPerEndpoint label [apps]}.
 */
public final class HistoryLoad {

    private final String base;
    private final int apps;
    private final int rounds;
    private final Random random = new Random(872);
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private HistoryLoad(String base, int apps, int rounds) {
        this.base = base;
        this.apps = apps;
        this.rounds = rounds;
    }

    public static void main(String[] args) throws Exception {
        HistoryLoad load = new HistoryLoad(args[0], args.length > 4 ? Integer.parseInt(args[4]) : 60,
                Integer.parseInt(args[1]));
        int seconds = Integer.parseInt(args[2]);
        String label = args[3];
        if (label.equals("first-calls")) {
            // every provider once, in order, right after a start: each call is a provider's first, so cold by
            // construction (on a store written before the branch-heads documents, ADR 0033, it also builds them)
            load.measureEach(label, "for-verification, every provider once", HistoryLoad::forVerification);
            return;
        }
        load.measure(label, "for-verification", seconds, HistoryLoad::forVerification);
        load.measure(label, "can-i-deploy", seconds, HistoryLoad::canIDeploy);
        load.measure(label, "matrix", seconds, HistoryLoad::matrix);
        load.measure(label, "catalog page", seconds, HistoryLoad::catalog);
        load.measure(label, "application page", seconds, HistoryLoad::applicationPage);
    }

    private void measureEach(String label, String name, java.util.function.BiFunction<HistoryLoad, String, HttpRequest> request)
            throws Exception {
        List<Double> millis = new ArrayList<>();
        int failures = 0;
        double readsBefore = fileReads();
        for (int app = 0; app < apps; app++) {
            HttpRequest next = request.apply(this, HistorySeeder.app(app));
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(next, HttpResponse.BodyHandlers.ofByteArray());
            millis.add((System.nanoTime() - start) / 1e6);
            failures += response.statusCode() == 200 ? 0 : 1;
        }
        print(label, name, millis, failures, fileReads() - readsBefore);
    }

    private static void print(String label, String name, List<Double> millis, int failures, double reads) {
        Collections.sort(millis);
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.1f | %d | %s |%n", label, name, millis.size(),
                percentile(millis, 0.50), percentile(millis, 0.99), millis.get(millis.size() - 1), failures,
                Double.isNaN(reads) ? "-" : String.format(Locale.ROOT, "%.0f", reads / millis.size()));
    }

    private void measure(String label, String name, int seconds, Function<HistoryLoad, HttpRequest> request)
            throws Exception {
        List<Double> millis = new ArrayList<>();
        int failures = 0;
        double readsBefore = fileReads();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            HttpRequest next = request.apply(this);
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(next, HttpResponse.BodyHandlers.ofByteArray());
            millis.add((System.nanoTime() - start) / 1e6);
            if (response.statusCode() != 200) {
                failures++;
                if (failures == 1) {
                    System.out.println("  " + name + ": " + response.statusCode() + " for " + next.uri() + ": "
                            + new String(response.body(), StandardCharsets.UTF_8).lines().findFirst().orElse(""));
                }
            }
        }
        print(label, name, millis, failures, fileReads() - readsBefore);
    }

    /** The embedded store's data file reads so far (its metric), NaN when the registry does not publish it. */
    private double fileReads() throws Exception {
        HttpResponse<String> response = http.send(get("/actuator/metrics/covenant.storage.embedded.file.reads"),
                HttpResponse.BodyHandlers.ofString());
        Matcher value = Pattern.compile("\"value\"\\s*:\\s*([0-9.eE+]+)").matcher(response.body());
        return response.statusCode() == 200 && value.find() ? Double.parseDouble(value.group(1)) : Double.NaN;
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private String app() {
        return HistorySeeder.app(random.nextInt(apps));
    }

    /** A main-branch version that published a pact. */
    private String mainVersion() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int round = random.nextInt(rounds);
            if ("main".equals(HistorySeeder.branch(round)) && HistorySeeder.hasPact(round)) {
                return HistorySeeder.version(round);
            }
        }
        return HistorySeeder.version(0);
    }

    private HttpRequest forVerification() {
        return forVerification(app());
    }

    private HttpRequest forVerification(String provider) {
        String body = """
                {"consumerVersionSelectors":[{"mainBranch":true},{"tag":"prod","latest":true}],
                 "providerVersionBranch":"main","includePendingStatus":true,"includeWipPactsSince":"2020-01-01"}""";
        return HttpRequest.newBuilder(URI.create(base + "/pacts/provider/" + provider + "/for-verification"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/hal+json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpRequest canIDeploy() {
        return get("/can-i-deploy?pacticipant=" + app() + "&version=" + mainVersion() + "&to=prod");
    }

    private HttpRequest matrix() {
        String query = encode("q[][pacticipant]") + "=" + app() + "&" + encode("q[][version]") + "=" + mainVersion()
                + "&latestby=cvp";
        return get("/matrix?" + query);
    }

    private HttpRequest catalog() {
        return get("/ui");
    }

    private HttpRequest applicationPage() {
        return get("/ui/applications/" + app());
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).GET().build();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
