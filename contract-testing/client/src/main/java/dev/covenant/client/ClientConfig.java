package dev.covenant.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the registry is and how to talk to it.
 *
 * @param baseUri        the registry's base URL, e.g. {@code http://localhost:9292}
 * @param credentials    bearer token, basic credentials or none
 * @param retry          attempts and back-off for connection errors, 5xx, 408 and 429
 * @param connectTimeout the longest wait for a TCP connection
 * @param requestTimeout the longest wait for one response (each attempt)
 */
public record ClientConfig(URI baseUri, Credentials credentials, RetryPolicy retry, Duration connectTimeout,
        Duration requestTimeout) {

    public ClientConfig {
        Objects.requireNonNull(baseUri, "baseUri");
        String text = baseUri.toString();
        if (!text.startsWith("http://") && !text.startsWith("https://")) {
            throw new IllegalArgumentException("the registry URL must start with http:// or https://, got '" + text + "'");
        }
        baseUri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        credentials = credentials == null ? new Credentials.None() : credentials;
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(60) : requestTimeout;
    }

    /** Defaults for everything but the URL: no credentials, {@link RetryPolicy#DEFAULT}, 10 s connect, 60 s response. */
    public static ClientConfig of(String baseUrl) {
        return new ClientConfig(URI.create(baseUrl.strip()), null, null, null, null);
    }

    public ClientConfig withCredentials(Credentials value) {
        return new ClientConfig(baseUri, value, retry, connectTimeout, requestTimeout);
    }

    public ClientConfig withRetry(RetryPolicy value) {
        return new ClientConfig(baseUri, credentials, value, connectTimeout, requestTimeout);
    }

    public ClientConfig withTimeouts(Duration connect, Duration request) {
        return new ClientConfig(baseUri, credentials, retry, connect, request);
    }
}
