package dev.covenant.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import org.junit.jupiter.api.Test;

/** The per-caller buckets are bounded without forgetting a busy caller when many new callers arrive. */
class RateLimitBucketsTest {

    private final RateLimitFilter filter = new RateLimitFilter(new SecurityProperties(SecurityProperties.Mode.SECURED,
            null, null, new SecurityProperties.RateLimit(true, 1, 5), null, null, null), 1_000);

    @Test
    void aFloodOfNewCallersDoesNotRefillABusyCallersBucket() {
        Bucket busy = filter.bucket("token:busy");
        for (int i = 0; i < 20; i++) {
            filter.bucket("token:busy").tryConsume(1);
        }
        assertThat(busy.getAvailableTokens()).isLessThan(5);

        // 20,000 one-off callers (a scan, or a flood from many addresses) while the busy caller keeps calling.
        for (int i = 0; i < 20_000; i++) {
            filter.bucket("address:10.0." + (i / 256) + "." + (i % 256));
            if (i % 100 == 0) {
                filter.bucket("token:busy").tryConsume(1);
            }
        }

        // Before: past 100,000 callers every bucket was dropped at once, so the busy caller started over full.
        assertThat(filter.bucket("token:busy")).isSameAs(busy);
        assertThat(filter.bucket("token:busy").getAvailableTokens()).as("not refilled to the burst of 5").isLessThan(5);
    }
}
