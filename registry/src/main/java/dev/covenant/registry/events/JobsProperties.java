package dev.covenant.registry.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Background work: how many workers each instance runs and how failed jobs are retried.
 *
 * @param workers        concurrent workers per instance (0 turns processing off on this instance)
 * @param pollInterval   how often idle workers look for work written by other instances
 * @param lease          how long a claimed job is reserved for its worker; a worker that dies loses it after this
 * @param maxAttempts    attempts in all before a job is parked (at least 1)
 * @param initialBackoff the delay before the second attempt; doubled for each further attempt
 * @param maxBackoff     the longest delay between attempts
 * @param jitter         the random share (0–1) by which each delay is spread, so retries don't arrive in waves
 * @param doneRetention  how long finished jobs stay readable (delivery logs) before they are pruned
 * @param maxBacklog     queued jobs not yet taken by this instance's workers beyond which writes are refused (503):
 *                       a hard cap; {@code maxBacklogWait} is what normally decides
 * @param maxBacklogWait the expected wait of the work queued on this instance (the oldest untaken job's wait, or
 *                       the backlog over the workers' measured pace) beyond which writes are refused (503)
 * @param maxConcurrentWrites writes handled at once by this instance beyond which further ones are refused (503)
 */
@ConfigurationProperties("covenant.jobs")
public record JobsProperties(Integer workers, Duration pollInterval, Duration lease, Integer maxAttempts,
        Duration initialBackoff, Duration maxBackoff, Double jitter, Duration doneRetention, Integer maxBacklog,
        Integer maxConcurrentWrites, Duration maxBacklogWait) {

    public JobsProperties {
        workers = workers == null ? 4 : Math.max(0, workers);
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        lease = lease == null ? Duration.ofSeconds(60) : lease;
        maxAttempts = maxAttempts == null ? 5 : Math.max(1, maxAttempts);
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(2) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
        jitter = jitter == null ? 0.2 : Math.min(1.0, Math.max(0.0, jitter));
        doneRetention = doneRetention == null ? Duration.ofDays(7) : doneRetention;
        maxBacklog = maxBacklog == null ? 2_000 : Math.max(1, maxBacklog);
        maxConcurrentWrites = maxConcurrentWrites == null ? 16 : Math.max(1, maxConcurrentWrites);
        maxBacklogWait = maxBacklogWait == null || maxBacklogWait.isNegative() ? Duration.ofSeconds(3) : maxBacklogWait;
    }

    /** The default retry policy of jobs whose handler does not choose its own. */
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, jitter);
    }
}
