package dev.covenant.registry.events;

import dev.covenant.registry.storage.WriteGenerations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The workers of this instance: each claims a due job with a lease, runs its handler, and records the
 * attempt. A worker that stops (shutdown, crash, kill) simply leaves its lease to expire; another worker, here
 * or on another instance, then claims the job again.
 */
@Component
class JobWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final JobQueue queue;
    private final JobsProperties properties;
    private final Clock clock;
    private final Map<String, JobHandler> handlers = new LinkedHashMap<>();
    private final String owner;
    private final MeterRegistry meters;
    /** The attempt counters by type and outcome, registered once (not looked up by their tags on every job). */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong lastPrune = new AtomicLong();
    private final AtomicLong lastScan = new AtomicLong();
    private volatile boolean running;
    /** The last scan queued a full batch of work this instance did not know of: there may be more. */
    private volatile boolean foundWork;
    /** Each job is one scope of the mutable read caches (one generation read, not one per cached lookup). */
    private final WriteGenerations generations;

    JobWorkers(JobQueue queue, JobsProperties properties, Clock clock, List<JobHandler> jobHandlers,
            EventLog events, MeterRegistry meters, WriteGenerations generations) {
        this.queue = queue;
        this.generations = generations;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        jobHandlers.forEach(handler -> handlers.put(handler.type(), handler));
        events.jobHandlers().forEach(handler -> handlers.put(handler.type(), handler));
        this.owner = queue.owner();
    }

    @Override
    public synchronized void start() {
        if (running || properties.workers() == 0 || handlers.isEmpty()) {
            return;
        }
        running = true;
        for (int i = 0; i < properties.workers(); i++) {
            Thread thread = new Thread(this::work, "covenant-worker-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        log.info("{} background workers started as {} for job types {}", threads.size(), owner, handlers.keySet());
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and the store go away, starts after them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }

    /**
     * Each worker takes the ids its instance's queue holds and claims them by {@code _id} (cheap). Once per poll
     * interval across this instance's workers, one of them scans for other due work — retries, other instances'
     * jobs, expired leases — and queues its ids too; when a scan queued a full batch, the next one runs as soon as
     * the queue is empty, so another instance's backlog drains here too.
     */
    private void work() {
        while (running) {
            try {
                if (scanDue()) {
                    Integer found = queue.scan(handlers.keySet()).block(Duration.ofSeconds(30));
                    foundWork = found != null && found >= JobQueue.SCAN_BATCH; // a full batch: there may be more
                }
                String id = queue.nextReady(properties.pollInterval());
                if (id != null) {
                    long taken = System.nanoTime();
                    Job claimed = queue.claim(id, owner, handlers.keySet(), properties.lease())
                            .block(Duration.ofSeconds(30));
                    if (claimed != null) {
                        runOne(claimed);
                    }
                    queue.served(Duration.ofNanos(System.nanoTime() - taken));
                } else {
                    pruneNowAndThen();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Background worker could not reach the store ({}); retrying in {}. Check the MongoDB "
                            + "connection if this repeats.", e.getMessage(), properties.pollInterval());
                    sleepQuietly(properties.pollInterval());
                }
            }
        }
    }

    private void runOne(Job job) {
        JobHandler handler = handlers.get(job.type());
        RetryPolicy policy = handler.retryPolicy() != null ? handler.retryPolicy() : properties.retryPolicy();
        Instant started = clock.instant();
        String detail;
        Throwable failure = null;
        try {
            detail = generations.scoped(Mono.defer(() -> handler.run(job)))
                    .contextWrite(context -> context.put(JobQueue.FIRST_ATTEMPT, job.attempts() == 1))
                    .block(runLimit(job, started));
        } catch (RuntimeException e) {
            failure = e;
            detail = describe(e);
        }
        long millis = Duration.between(started, clock.instant()).toMillis();
        if (failure == null) {
            queue.succeeded(job, owner, new Job.Attempt(job.attempts(), started, millis, "ok", detail),
                    handler.logsFirstAttempt()).block(Duration.ofSeconds(30));
            count(job.type(), "ok");
            return;
        }
        boolean permanent = failure instanceof PermanentJobFailure;
        Job.Status next = queue.failed(job, owner, new Job.Attempt(job.attempts(), started, millis, "error", detail),
                policy, permanent, ThreadLocalRandom.current()).block(Duration.ofSeconds(30));
        count(job.type(), next == Job.Status.PARKED ? "parked" : "retry");
        if (next == Job.Status.PARKED) {
            log.warn("Job {} ({}) parked after {} attempt(s): {}. Fix the cause, then replay it.", job.id(),
                    job.type(), job.attempts(), detail);
        } else {
            log.info("Job {} ({}) attempt {} of {} failed: {}; will retry", job.id(), job.type(), job.attempts(),
                    policy.maxAttempts(), detail);
        }
    }

    /**
     * How long a run may take: until a second before its lease runs out (a job inserted already claimed started its
     * lease at the insert), so no other worker takes the job over while this one still runs it.
     */
    private Duration runLimit(Job job, Instant started) {
        Duration limit = properties.lease().minusSeconds(1);
        if (job.leaseUntil() != null) {
            Duration left = Duration.between(started, job.leaseUntil()).minusSeconds(1);
            limit = left.compareTo(limit) < 0 ? left : limit;
        }
        return limit.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : limit;
    }

    /** True for one worker per poll interval, or once the queue is empty after a scan that queued a full batch. */
    private boolean scanDue() {
        long now = clock.millis();
        long last = lastScan.get();
        boolean due = now - last >= properties.pollInterval().toMillis() || (foundWork && queue.backlog() == 0);
        return due && lastScan.compareAndSet(last, now);
    }

    private void count(String type, String outcome) {
        counters.computeIfAbsent(type + ' ' + outcome, key -> Counter.builder("covenant.jobs.attempts")
                .description("Background job attempts by outcome").tag("type", type).tag("outcome", outcome)
                .register(meters)).increment();
    }

    private void pruneNowAndThen() {
        long now = clock.millis();
        long last = lastPrune.get();
        if (now - last > PRUNE_EVERY.toMillis() && lastPrune.compareAndSet(last, now)) {
            queue.prune().block(Duration.ofSeconds(30));
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        if (error.getCause() != null && error.getClass() == RuntimeException.class) {
            cause = error.getCause(); // Reactor's block() wraps checked exceptions
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
