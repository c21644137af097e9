package dev.covenant.registry.events;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter: attempt n (1-based) that fails waits {@code initial × 2^(n-1)}, capped at
 * {@code max}, spread randomly by ± {@code jitter}; after {@code maxAttempts} failed attempts the job is parked.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
        }
    }

    /** The delay before the next attempt after {@code failedAttempts} failed ones. */
    public Duration delayAfter(int failedAttempts, RandomGenerator random) {
        int exponent = Math.min(30, Math.max(0, failedAttempts - 1));
        double base = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() * Math.pow(2, exponent));
        double spread = jitter == 0 ? 0 : (random.nextDouble() * 2 - 1) * jitter * base;
        return Duration.ofMillis(Math.max(0, Math.round(Math.min(maxBackoff.toMillis(), base + spread))));
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
