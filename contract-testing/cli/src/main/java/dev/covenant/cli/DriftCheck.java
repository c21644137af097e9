package dev.covenant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.contract.check.ExchangeChecker;
import dev.covenant.contract.check.ExchangeChecker.Found;
import dev.covenant.contract.check.FindingType;
import dev.covenant.contract.check.PactFinding;
import dev.covenant.contract.pact.HttpResponse;
import dev.covenant.contract.pact.PactBody;
import dev.covenant.contract.stub.SampleRequests;
import dev.covenant.contract.stub.StubRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The drift check of a running provider: one request per operation, built from the document (examples, else
 * generated), sent to the provider, its response checked against the document (status documented, headers and
 * body valid). Only safe methods are sent unless asked otherwise.
 */
final class DriftCheck {

    /** Methods that change nothing on the provider. */
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> RESTRICTED_HEADERS = Set.of("host", "content-length", "connection", "expect",
            "upgrade");
    /** Reads provider answers; decimals exactly, so 1e999 is a number past every bound, not an infinite double. */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /**
     * @param includeUnsafe  send POST, PUT, PATCH, DELETE too
     * @param timeout        longest wait for one response, its body included
     * @param maxBodyBytes   responses past this are cut and reported
     */
    record Options(boolean includeUnsafe, Duration timeout, int maxBodyBytes) {
    }

    /** What happened to one operation. */
    sealed interface Outcome permits Passed, Failed, Skipped {
        String operation();
    }

    record Passed(String operation, int status) implements Outcome {
    }

    record Failed(String operation, int status, List<String> reasons) implements Outcome {
    }

    record Skipped(String operation, String why) implements Outcome {
    }

    /** Every operation's outcome; a success when none failed. */
    record Report(List<Outcome> outcomes) {
        boolean success() {
            return outcomes.stream().noneMatch(Failed.class::isInstance);
        }

        long count(Class<? extends Outcome> kind) {
            return outcomes.stream().filter(kind::isInstance).count();
        }
    }

    private final JsonNode document;
    private final URI baseUrl;
    private final Options options;
    private final HttpClient http;

    DriftCheck(JsonNode document, URI baseUrl, Options options) {
        this.document = document;
        this.baseUrl = baseUrl;
        this.options = options;
        this.http = HttpClient.newBuilder().connectTimeout(options.timeout()).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Reads response bodies, so that a provider dribbling one forever is abandoned at the deadline. */
    private final java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newCachedThreadPool(
            runnable -> {
                Thread thread = new Thread(runnable, "drift-check-reader");
                thread.setDaemon(true);
                return thread;
            });

    Report run() {
        ExchangeChecker checker = ExchangeChecker.forDocument(document);
        SampleRequests samples = new SampleRequests(document);
        List<Outcome> outcomes = new ArrayList<>();
        for (Found operation : checker.operations()) {
            String name = operation.method() + " " + operation.pathTemplate();
            if (!options.includeUnsafe() && !SAFE.contains(operation.method())) {
                outcomes.add(new Skipped(name, "unsafe method (--include-unsafe sends it)"));
                continue;
            }
            outcomes.add(check(checker, name, samples.forOperation(operation)));
        }
        return new Report(outcomes);
    }

    private Outcome check(ExchangeChecker checker, String name, StubRequest request) {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        CompletableFuture<java.net.http.HttpResponse<InputStream>> sent = http.sendAsync(httpRequest(request),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        java.net.http.HttpResponse<InputStream> response;
        try {
            response = sent.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            return new Failed(name, 0, List.of(noAnswer()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                return new Failed(name, 0, List.of(noAnswer()));
            }
            return new Failed(name, 0, List.of("request failed: " + e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Skipped(name, "interrupted");
        }
        byte[] body;
        InputStream in = response.body();
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> readCapped(in), reader);
        try {
            body = read.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new Failed(name, response.statusCode(), List.of("the response body was not complete within "
                    + options.timeout().toSeconds() + " s (--request-timeout)"));
        } catch (ExecutionException e) {
            return new Failed(name, response.statusCode(), List.of("reading the response failed: "
                    + e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Skipped(name, "interrupted");
        } finally {
            close(in); // past the cap or the deadline the rest is not read: closing cancels the exchange
        }
        if (body.length > options.maxBodyBytes()) {
            return new Failed(name, response.statusCode(), List.of("response body larger than "
                    + options.maxBodyBytes() + " bytes (--max-response-bytes): cut and not checked"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((header, values) -> headers.put(header, String.join(", ", values)));
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        List<String> reasons = checker.checkResponse(request.method(), request.path(),
                        new HttpResponse(response.statusCode(), headers, body(body, contentType)))
                .stream()
                .filter(f -> f.type() == FindingType.ERROR)
                .map(DriftCheck::reason)
                .toList();
        return reasons.isEmpty() ? new Passed(name, response.statusCode()) : new Failed(name, response.statusCode(), reasons);
    }

    private String noAnswer() {
        return "no answer within " + options.timeout().toSeconds() + " s (--request-timeout)";
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** At most one byte past the cap, so that a provider streaming gigabytes costs the cap and no more. */
    private byte[] readCapped(InputStream in) {
        try {
            return in.readNBytes(options.maxBodyBytes() + 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the exchange is abandoned either way
        }
    }

    private static String reason(PactFinding finding) {
        String where = finding.mockPointer() == null ? "" : finding.mockPointer()
                .replaceFirst("^\\[root]\\.responses\\[0]\\.", "");
        return finding.code() + (where.isEmpty() ? "" : " at " + where) + ": " + finding.message();
    }

    private static PactBody body(byte[] body, String contentType) {
        if (body.length == 0) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (contentType == null || ExchangeChecker.isJson(contentType)) {
            try {
                return new PactBody(JSON.readTree(body), contentType, false);
            } catch (IOException e) {
                return new PactBody(JSON.getNodeFactory().textNode(text), contentType, false);
            }
        }
        return new PactBody(JSON.getNodeFactory().textNode(text), contentType, false);
    }

    private HttpRequest httpRequest(StubRequest request) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + SampleRequests.target(request)))
                .timeout(options.timeout())
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        return builder.build();
    }
}
