package dev.covenant.registry.security;

import dev.covenant.registry.system.Problems;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A token bucket per caller: per token name once authenticated, per client address otherwise. Over the limit a
 * request gets 429 with {@code Retry-After} (whole seconds until a request would be accepted). Runs inside the
 * security chain, right after authentication (see {@link SecurityConfiguration}); deliberately not a bean, which
 * would also put it in the application's own filter chain, before the caller is known.
 */
final class RateLimitFilter implements WebFilter {

    /**
     * Callers remembered at once. Past it the least used buckets go (Caffeine's size eviction, which keeps a busy
     * caller's bucket against a flood of new ones); a forgotten bucket is recreated full, so only idle callers, whose
     * bucket would have refilled anyway, should be forgotten.
     */
    static final int MAX_BUCKETS = 100_000;

    private final Cache<String, Bucket> buckets;
    private final Bandwidth bandwidth;

    RateLimitFilter(SecurityProperties properties) {
        this(properties, MAX_BUCKETS);
    }

    RateLimitFilter(SecurityProperties properties, int maxBuckets) {
        this.buckets = Caffeine.newBuilder().maximumSize(maxBuckets).executor(Runnable::run).build();
        SecurityProperties.RateLimit limit = properties.rateLimit();
        this.bandwidth = Bandwidth.builder()
                .capacity(limit.burst())
                .refillGreedy(limit.requestsPerSecond(), Duration.ofSeconds(1))
                .build();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ConsumptionProbe probe = bucket(key(exchange)).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return chain.filter(exchange);
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                "Too many requests from this caller; retry after " + seconds + " s", "rate");
    }

    Bucket bucket(String key) {
        return buckets.get(key, any -> Bucket.builder().addLimit(bandwidth).build());
    }

    private static String key(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
        if (caller != null) {
            return "token:" + caller.name();
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return "address:" + (remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress());
    }
}
