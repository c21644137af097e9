package dev.covenant.registry.events;

import dev.covenant.registry.system.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
 * until the client times out. Capacity is exceeded when more than {@code covenant.jobs.max-concurrent-writes} writes
 * are being handled on this instance, or when this instance's workers have more than
 * {@code covenant.jobs.max-backlog} queued jobs not yet taken. {@code Retry-After} is the backlog over the measured
 * drain rate (at least 1 s, at most 60 s). Reads, {@code /admin} and {@code /actuator} are never refused here.
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
        int backlog = queue.backlog();
        if (backlog > properties.maxBacklog()) {
            return refuse(exchange, retryAfter(backlog - properties.maxBacklog() / 2),
                    "The registry's background work is " + backlog + " jobs behind");
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

    /** Seconds until {@code jobs} queued jobs are taken at the measured drain rate, within 1–60. */
    private long retryAfter(int jobs) {
        double perSecond = Math.max(1.0, queue.drainRate());
        return Math.max(1, Math.min(60, (long) Math.ceil(jobs / perSecond)));
    }

    private Mono<Void> refuse(ServerWebExchange exchange, long seconds, String why) {
        refused.increment();
        long now = System.currentTimeMillis();
        if (now - lastWarning > 10_000) {
            lastWarning = now;
            log.warn("{}: refusing writes with 503 and Retry-After {} s. If this persists, add workers "
                    + "(covenant.jobs.workers) or registry instances, or raise covenant.jobs.max-backlog / "
                    + "max-concurrent-writes if the machine has room", why, seconds);
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "over-capacity", "Over capacity",
                why + "; nothing of this request was stored. Retry after " + seconds + " s", "request");
    }
}
