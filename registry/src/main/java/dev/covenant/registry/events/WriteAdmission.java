package dev.covenant.registry.events;

import dev.covenant.registry.system.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Back-pressure for writes (the requests that record events and so queue background work): beyond capacity a write
 * is answered at once with 503 and {@code Retry-After}, before anything of it is read or stored, instead of queueing
 * until the client times out. Capacity is exceeded when the work this instance has queued would keep a new write's
 * background work waiting longer than {@code covenant.jobs.max-backlog-wait} (the longer of the oldest untaken job's
 * wait and the backlog over the workers' measured pace), when its workers have more than
 * {@code covenant.jobs.max-backlog} queued jobs not yet taken (a hard cap), or when more than
 * {@code covenant.jobs.max-concurrent-writes} writes are being handled on this instance. So what is accepted is
 * handled within a few seconds and the surplus is told when to come back ({@code docs/adr/0026-backlog-bounded-by-time.md}).
 * {@code Retry-After} is the expected wait beyond half the limit (at least 1 s, at most 60 s). Reads,
 * {@code /admin} and {@code /actuator} are never refused here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class WriteAdmission implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(WriteAdmission.class);
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final JobQueue queue;
    private final JobsProperties properties;
    private final AtomicInteger writing = new AtomicInteger();
    private final Counter refused;
    private volatile long lastWarning;

    WriteAdmission(JobQueue queue, JobsProperties properties, MeterRegistry meters) {
        this.queue = queue;
        this.properties = properties;
        this.refused = Counter.builder("covenant.writes.refused")
                .description("Writes answered 503 because the instance was beyond capacity").register(meters);
        Gauge.builder("covenant.jobs.backlog", queue, JobQueue::backlog)
                .description("Jobs queued on this instance that its workers have not taken yet").register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!WRITES.contains(exchange.getRequest().getMethod()) || exempt(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        Optional<Refusal> refusal = refusal(new Load(queue.backlog(), queue.oldestWait(), queue.pace()), properties);
        if (refusal.isPresent()) {
            return refuse(exchange, refusal.get().retryAfterSeconds(), refusal.get().why());
        }
        if (writing.incrementAndGet() > properties.maxConcurrentWrites()) {
            writing.decrementAndGet();
            return refuse(exchange, 1, "The registry is handling " + properties.maxConcurrentWrites()
                    + " writes at once");
        }
        return chain.filter(exchange).doFinally(signal -> writing.decrementAndGet());
    }

    private static boolean exempt(String path) {
        return path.startsWith("/admin") || path.startsWith("/actuator");
    }

    /**
     * The work queued on this instance, as admission sees it.
     *
     * @param backlog    jobs queued here that no worker has taken yet
     * @param oldestWait how long the oldest of them has been due
     * @param pace       jobs per second the workers get through while busy (0: not measured yet)
     */
    record Load(int backlog, Duration oldestWait, double pace) {

        /** How long work queued now would wait: the oldest job's wait, or the backlog at the workers' pace if longer. */
        Duration expectedWait() {
            Duration atPace = pace > 0 ? Duration.ofNanos((long) Math.min(Long.MAX_VALUE, backlog / pace * 1e9))
                    : Duration.ZERO;
            return atPace.compareTo(oldestWait) > 0 ? atPace : oldestWait;
        }
    }

    /** Why a write is refused, and after how many seconds to retry it. */
    record Refusal(long retryAfterSeconds, String why) {
    }

    /** The refusal of a write under this load, if the instance is beyond capacity for queued work. */
    static Optional<Refusal> refusal(Load load, JobsProperties properties) {
        if (load.backlog() > properties.maxBacklog()) {
            double perSecond = Math.max(1.0, load.pace());
            return Optional.of(new Refusal(seconds((load.backlog() - properties.maxBacklog() / 2) / perSecond),
                    "The registry's background work is " + load.backlog() + " jobs behind"));
        }
        Duration wait = load.expectedWait();
        if (wait.compareTo(properties.maxBacklogWait()) > 0) {
            double beyondHalf = (wait.toMillis() - properties.maxBacklogWait().toMillis() / 2.0) / 1000.0;
            return Optional.of(new Refusal(seconds(beyondHalf), "The registry's background work is "
                    + wait.toMillis() / 100 / 10.0 + " s behind (" + load.backlog() + " jobs queued; at most "
                    + properties.maxBacklogWait().toMillis() / 100 / 10.0 + " s accepted)"));
        }
        return Optional.empty();
    }

    /** Whole seconds, within 1–60. */
    private static long seconds(double seconds) {
        return Math.max(1, Math.min(60, (long) Math.ceil(seconds)));
    }

    private Mono<Void> refuse(ServerWebExchange exchange, long seconds, String why) {
        refused.increment();
        long now = System.currentTimeMillis();
        if (now - lastWarning > 10_000) {
            lastWarning = now;
            log.warn("{}: refusing writes with 503 and Retry-After {} s. If this persists, add workers "
                    + "(covenant.jobs.workers) or registry instances, or raise covenant.jobs.max-backlog-wait / "
                    + "max-backlog / max-concurrent-writes if the machine has room", why, seconds);
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "over-capacity", "Over capacity",
                why + "; nothing of this request was stored. Retry after " + seconds + " s", "request");
    }
}
