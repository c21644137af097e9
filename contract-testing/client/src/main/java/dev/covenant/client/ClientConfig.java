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
 * @param settings       how the program using the client names its settings, for the advice in error messages
 * @param trace          receives one line per HTTP exchange and retry (a CLI's {@code --verbose}); none by default
 */
public record ClientConfig(URI baseUri, Credentials credentials, RetryPolicy retry, Duration connectTimeout,
        Duration requestTimeout, SettingNames settings, java.util.function.Consumer<String> trace) {

    /**
     * How the caller's users set the registry URL and credentials, e.g. {@code "--registry or COVENANT_URL"} in the
     * CLI and {@code "covenant.url or COVENANT_URL"} in the JUnit 5 support: errors advise in the caller's terms.
     */
    public record SettingNames(String url, String token, String basic) {

        /** The environment variables every Covenant program reads. */
        public static final SettingNames ENVIRONMENT = new SettingNames("COVENANT_URL", "COVENANT_TOKEN",
                "COVENANT_USERNAME/COVENANT_PASSWORD");

        public SettingNames {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(basic, "basic");
        }
    }

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
        settings = settings == null ? SettingNames.ENVIRONMENT : settings;
        trace = trace == null ? line -> { } : trace;
    }

    /** Defaults for everything but the URL: no credentials, {@link RetryPolicy#DEFAULT}, 10 s connect, 60 s response. */
    public static ClientConfig of(String baseUrl) {
        return new ClientConfig(URI.create(baseUrl.strip()), null, null, null, null, null, null);
    }

    public ClientConfig withCredentials(Credentials value) {
        return new ClientConfig(baseUri, value, retry, connectTimeout, requestTimeout, settings, trace);
    }

    public ClientConfig withRetry(RetryPolicy value) {
        return new ClientConfig(baseUri, credentials, value, connectTimeout, requestTimeout, settings, trace);
    }

    public ClientConfig withTimeouts(Duration connect, Duration request) {
        return new ClientConfig(baseUri, credentials, retry, connect, request, settings, trace);
    }

    public ClientConfig withTrace(java.util.function.Consumer<String> value) {
        return new ClientConfig(baseUri, credentials, retry, connectTimeout, requestTimeout, settings, value);
    }

    public ClientConfig withSettingNames(SettingNames value) {
        return new ClientConfig(baseUri, credentials, retry, connectTimeout, requestTimeout, value, trace);
    }
}
