package dev.covenant.registry.notifications;

import dev.covenant.registry.events.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhook deliveries: where they may go, how long they may take, and how failures are retried.
 *
 * @param allowHttp             whether plain-http targets are allowed (https only by default)
 * @param allowedHosts          host names (or {@code *.suffix} patterns) targets must match; empty allows any public host
 * @param allowPrivateAddresses whether targets may resolve to loopback, private, link-local or other internal addresses
 * @param timeout               how long a delivery may take to connect and to answer
 * @param maxResponseBytes      how much of a receiver's response is read (and logged) at most
 * @param retry                 attempts and back-off of failed deliveries
 */
@ConfigurationProperties("covenant.notifications")
public record NotificationsProperties(Boolean allowHttp, List<String> allowedHosts, Boolean allowPrivateAddresses,
        Duration timeout, Integer maxResponseBytes, Retry retry) {

    public NotificationsProperties {
        allowHttp = allowHttp != null && allowHttp;
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().filter(host -> !host.isBlank()).map(host -> host.trim().toLowerCase(Locale.ROOT))
                        .toList();
        allowPrivateAddresses = allowPrivateAddresses != null && allowPrivateAddresses;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        maxResponseBytes = maxResponseBytes == null ? 64 * 1024 : Math.max(0, maxResponseBytes);
        retry = retry == null ? new Retry(null, null, null, null) : retry;
    }

    /**
     * Retries of a failed delivery: exponential back-off with jitter, then the delivery is parked for replay.
     *
     * @param maxAttempts    attempts in all before parking (at least 3)
     * @param initialBackoff the delay after the first failed attempt; doubled after each further one
     * @param maxBackoff     the longest delay between attempts
     * @param jitter         the random share (0–1) by which each delay is spread
     */
    public record Retry(Integer maxAttempts, Duration initialBackoff, Duration maxBackoff, Double jitter) {

        public Retry {
            maxAttempts = maxAttempts == null ? 5 : Math.max(3, maxAttempts);
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(5) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(30) : maxBackoff;
            maxBackoff = maxBackoff.compareTo(initialBackoff) < 0 ? initialBackoff : maxBackoff;
            jitter = jitter == null ? 0.2 : Math.min(1.0, Math.max(0.0, jitter));
        }

        RetryPolicy policy() {
            return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, jitter);
        }
    }
}
