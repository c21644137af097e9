package dev.covenant.registry.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one pool engine work runs on: a fixed number of threads (one per core by default) and a bounded queue in
 * front of them; a task arriving when the queue is full is refused (503) rather than piling up. Measured as the
 * executor {@code engine} ({@code executor.active}, {@code executor.queued}, {@code executor.completed}, …).
 */
final class EngineScheduler implements AutoCloseable {

    private final ThreadPoolExecutor executor;
    private final Scheduler scheduler;

    EngineScheduler(int threads, int maxQueued, MeterRegistry meters) {
        BlockingQueue<Runnable> queue = maxQueued == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(maxQueued);
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, queue, daemonThreads(),
                new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
        if (meters != null) {
            new ExecutorServiceMetrics(executor, "engine", java.util.List.of()).bindTo(meters);
        }
        this.scheduler = Schedulers.fromExecutorService(executor, "engine");
    }

    /** Runs CPU-heavy engine work on the pool; fails with 503 when the pool's queue is full. */
    <T> Mono<T> run(Callable<T> work) {
        return Mono.fromCallable(work)
                .subscribeOn(scheduler)
                .onErrorMap(RejectedExecutionException.class, EngineScheduler::busy);
    }

    /** Tasks waiting for a thread. */
    int queued() {
        return executor.getQueue().size();
    }

    /** Tasks running now. */
    int active() {
        return executor.getActiveCount();
    }

    private static Throwable busy(RejectedExecutionException e) {
        return new Busy(e);
    }

    /** 503 with {@code Retry-After}: the pool's queue is full now, not broken. */
    private static final class Busy extends ResponseStatusException {

        Busy(RejectedExecutionException cause) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "The registry is busy reading and checking documents; retry in a few "
                    + "seconds (engine tasks beyond covenant.engine.max-queued-tasks are refused)", cause);
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "5");
            return headers;
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "engine-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        scheduler.dispose();
        executor.shutdownNow();
    }
}
