package dev.covenant.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.random.RandomGenerator;

/**
 * Sends one logical request, retrying connection errors, timeouts, 408, 429 and 5xx with back-off. Every call the
 * client makes is idempotent on the registry side (natural keys, content hashes), POSTs included, so retrying
 * any of them is safe.
 */
final class Transport {

    /** What came back: the status, the body, and the registry's request id. */
    record Response(int status, byte[] body, String contentType, String requestId) {
    }

    private final ClientConfig config;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    Transport(ClientConfig config, Sleeper sleeper, RandomGenerator random) {
        this.config = config;
        this.sleeper = sleeper;
        this.random = random;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    ClientConfig.SettingNames settings() {
        return config.settings();
    }

    URI uri(String pathAndQuery) {
        return URI.create(config.baseUri() + pathAndQuery);
    }

    /** Sends the request until it gets an answer that is not worth retrying, or runs out of attempts. */
    Response send(String method, URI uri, String contentType, byte[] body) {
        return send(method, uri, contentType, body, java.util.Map.of());
    }

    /** As {@link #send(String, URI, String, byte[])}, with extra headers (e.g. {@code Idempotency-Key}). */
    Response send(String method, URI uri, String contentType, byte[] body, java.util.Map<String, String> headers) {
        int attempts = config.retry().maxAttempts();
        String lastProblem = null;
        for (int attempt = 1; ; attempt++) {
            Duration retryAfter = null;
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> response = http.send(request(method, uri, contentType, body, headers),
                        HttpResponse.BodyHandlers.ofByteArray());
                Response answer = new Response(response.statusCode(), response.body(),
                        response.headers().firstValue("Content-Type").orElse(""),
                        response.headers().firstValue("X-Request-Id").orElse(null));
                config.trace().accept(method + " " + uri + " -> " + answer.status() + " in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms" + (attempt > 1 ? " (attempt " + attempt + ")" : "")
                        + (answer.requestId() == null ? "" : ", request id " + answer.requestId()));
                if (!retryable(answer.status())) {
                    return answer;
                }
                retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
                lastProblem = "HTTP " + answer.status() + ErrorBodies.detailSuffix(answer);
                if (attempt >= attempts) {
                    throw new RegistryException(RegistryException.Kind.UNREACHABLE, answer.status(),
                            method + " " + uri + " failed after " + attempts + (attempts == 1 ? " attempt (" : " attempts (") + lastProblem
                                    + "): the registry is overloaded or failing; try again later"
                                    + (answer.requestId() == null ? "" : " and quote request id " + answer.requestId()),
                            answer.requestId());
                }
            } catch (IOException e) {
                lastProblem = describe(e);
                config.trace().accept(method + " " + uri + " -> " + lastProblem + " after "
                        + (System.nanoTime() - start) / 1_000_000 + " ms (attempt " + attempt + " of " + attempts + ")");
                if (attempt >= attempts) {
                    throw new RegistryException(RegistryException.Kind.UNREACHABLE, 0,
                            "cannot reach the registry at " + config.baseUri() + " (" + lastProblem + ") after "
                                    + attempts + (attempts == 1 ? " attempt" : " attempts") + ": check that it is running and that the registry URL"
                                    + " (" + config.settings().url() + ") is right", null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(RegistryException.Kind.UNREACHABLE, 0, "interrupted while calling " + uri,
                        null);
            }
            sleeper.sleep(config.retry().delayBefore(attempt + 1, retryAfter, random));
        }
    }

    private HttpRequest request(String method, URI uri, String contentType, byte[] body,
            java.util.Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", "application/hal+json, application/json, application/problem+json")
                .header("User-Agent", "covenant-client/0.1.0")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        config.credentials().authorization().ifPresent(value -> builder.header("Authorization", value));
        headers.forEach(builder::header);
        return builder.build();
    }

    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no response within the request timeout";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
