package dev.covenant.registry.events;

import reactor.core.publisher.Mono;

/**
 * Runs jobs of one type. {@link #run} must be idempotent: a job whose worker died is run again. An error
 * completes the attempt as failed (retried per {@link #retryPolicy}); {@link PermanentJobFailure} parks it at once.
 */
public interface JobHandler {

    String type();

    /** What happened, for the attempt log (e.g. "HTTP 204"); null is fine. */
    Mono<String> run(Job job);

    /**
     * Whether a job that succeeds at its first attempt stays readable in {@code jobs_done} (e.g. the delivery
     * log); a job that needed more attempts always does. False saves a write per job.
     */
    default boolean logsFirstAttempt() {
        return true;
    }

    /** Null means the registry's default ({@code covenant.jobs.*}). */
    default RetryPolicy retryPolicy() {
        return null;
    }
}
