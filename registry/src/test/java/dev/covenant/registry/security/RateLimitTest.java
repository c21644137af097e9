package dev.covenant.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.SecuredRegistrySupport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** A token bucket per token: past its burst a caller gets 429 with Retry-After; other callers are unaffected. */
@TestPropertySource(properties = {
        "covenant.security.rate-limit.requests-per-second=1",
        "covenant.security.rate-limit.burst=5"})
class RateLimitTest extends SecuredRegistrySupport {

    static final Path RATE_LIMITED_DATA_DIR = temporary("covenant-rate-limit-test-data");

    @DynamicPropertySource
    static void ownStorage(DynamicPropertyRegistry registry) {
        registry.add("covenant.storage.data-dir", RATE_LIMITED_DATA_DIR::toString);
    }

    @Test
    void aTokenOverItsLimitIsToldWhenToComeBack() {
        String busy = createToken(unique("busy"), "read", null);
        String quiet = createToken(unique("quiet"), "read", null);

        int accepted = 0;
        EntityExchangeResult<byte[]> refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            EntityExchangeResult<byte[]> result = as(busy).get().uri("/pacticipants").exchange()
                    .expectBody().returnResult();
            if (result.getStatus().value() == 429) {
                refused = result;
            } else {
                accepted++;
            }
        }

        assertThat(accepted).isBetween(5, 7);
        assertThat(refused).isNotNull();
        assertThat(Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 2L);
        assertThat(new String(refused.getResponseBody())).contains("rate-limited").contains("\"errors\"");
        as(quiet).get().uri("/pacticipants").exchange().expectStatus().isOk();
    }
}
