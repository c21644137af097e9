package dev.covenant.registry.notifications;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends webhook requests safely: the target is checked by {@link TargetPolicy} (every resolved address), redirects
 * are never followed, connecting and answering are bounded by {@code covenant.notifications.timeout}, and at most
 * {@code max-response-bytes} of the answer are read.
 */
@Component
public class WebhookClient {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    private final TargetPolicy policy;
    private final NotificationsProperties properties;
    private final HttpClient client;

    WebhookClient(TargetPolicy policy, NotificationsProperties properties) {
        this.policy = policy;
        this.properties = properties;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.timeout())
                .build();
    }

    /** What the receiver answered: status, the first bytes of the body, headers and how long it took. */
    public record Response(int status, Map<String, String> headers, String body, long durationMillis) {

        public boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Sends the request with the extra (secret) headers; completes with the response whatever its status, or
     * fails with {@link TargetPolicy.RefusedTarget} for a forbidden target or an I/O error when it could not be sent.
     */
    public Mono<Response> send(OutboundRequest request, Map<String, String> extraHeaders) {
        return Mono.fromCallable(() -> checked(request))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(uri -> exchange(uri, request, extraHeaders))
                .timeout(properties.timeout().multipliedBy(2).plusSeconds(1))
                .onErrorMap(error -> !(error instanceof TargetPolicy.RefusedTarget), this::describe);
    }

    /** An error with a message fit for the attempt log ("connection refused", "timed out after 10s"). */
    private Throwable describe(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        String message;
        if (cause instanceof java.net.http.HttpConnectTimeoutException) {
            message = "connect timed out after " + properties.timeout();
        } else if (cause instanceof java.net.http.HttpTimeoutException
                || cause instanceof java.util.concurrent.TimeoutException) {
            message = "no response within " + properties.timeout();
        } else if (cause instanceof java.net.ConnectException) {
            message = "connection refused";
        } else if (cause instanceof IOException) {
            message = "I/O error: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } else {
            message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        }
        return new IllegalStateException(message, cause);
    }

    private URI checked(OutboundRequest request) {
        URI uri = policy.checkUrl(request.url());
        policy.checkAddresses(uri);
        return uri;
    }

    private Mono<Response> exchange(URI uri, OutboundRequest request, Map<String, String> extraHeaders) {
        long started = System.nanoTime();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(properties.timeout());
        headers(request.headers(), builder);
        headers(extraHeaders, builder);
        byte[] body = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
        builder.method(request.method(), body.length == 0 && !hasBody(request.method())
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        // The blocking send on a bounded worker, not sendAsync: the JDK client completes a sendAsync through
        // CompletableFuture's default executor, which starts a thread per call when the common pool has fewer than
        // two threads (machines with two cores), so every delivery started and ended a thread there.
        return Mono.fromCallable(() -> client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(response -> read(response, started));
    }

    private static boolean hasBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static void headers(Map<String, String> headers, HttpRequest.Builder builder) {
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT)) && value != null) {
                builder.header(name, value);
            }
        });
    }

    private Response read(HttpResponse<InputStream> response, long started) {
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes(properties.maxResponseBytes());
        } catch (IOException e) {
            bytes = new byte[0];
        }
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        return new Response(response.statusCode(), headers, new String(bytes, StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}
