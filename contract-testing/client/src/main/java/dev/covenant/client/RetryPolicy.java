package dev.covenant.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When and how long to wait before trying a request again: exponential back-off with jitter, a {@code Retry-After}
 * from the registry honoured up to {@code maxRetryAfter}.
 *
 * @param maxAttempts   attempts in all, the first included (at least 1)
 * @param initialDelay  the delay before the second attempt, before jitter
 * @param maxDelay      the longest computed delay (the exponential stops growing here)
 * @param maxRetryAfter the longest {@code Retry-After} the client is willing to wait for
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {

    /** Four attempts over roughly 3.5 s, at most 30 s for a Retry-After. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8),
            Duration.ofSeconds(30));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
        }
    }

    /** The same policy with another number of attempts. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialDelay, maxDelay, maxRetryAfter);
    }

    /**
     * The wait before attempt {@code nextAttempt} (2 for the first retry): the registry's {@code Retry-After} when it
     * gave one (capped), otherwise {@code initialDelay * 2^(nextAttempt-2)} capped at {@code maxDelay}, with the upper
     * half jittered so that many CI jobs retrying together spread out.
     */
    public Duration delayBefore(int nextAttempt, Duration retryAfter, RandomGenerator random) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        int exponent = Math.min(Math.max(nextAttempt - 2, 0), 30);
        long base = Math.min(maxDelay.toMillis(), initialDelay.toMillis() * (1L << exponent));
        long half = base / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }
}
