package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class ReadCacheTest {

    private final ReadCache<String, String> cache = new ReadCache<>(60_000_000_000L, 100);
    private final AtomicInteger loads = new AtomicInteger();

    private Mono<String> load(String value) {
        return Mono.fromCallable(() -> {
            loads.incrementAndGet();
            return value;
        });
    }

    @Test
    void secondReadIsServedFromTheCache() {
        StepVerifier.create(cache.get("k", () -> load("v1"))).expectNext("v1").verifyComplete();
        StepVerifier.create(cache.get("k", () -> load("v2"))).expectNext("v1").verifyComplete();
        assertThat(loads).hasValue(1);
    }

    @Test
    void absentValuesAreRememberedToo() {
        StepVerifier.create(cache.get("k", Mono::empty)).verifyComplete();
        StepVerifier.create(cache.get("k", () -> load("v"))).verifyComplete();
        assertThat(loads).hasValue(0);
    }

    @Test
    void aWriteIsSeenByTheReadChainedAfterIt() {
        StepVerifier.create(cache.get("k", Mono::empty)).verifyComplete();
        StepVerifier.create(cache.writing("k", Mono.just("written"))
                        .then(cache.get("k", () -> load("v2"))))
                .expectNext("v2")
                .verifyComplete();
    }

    @Test
    void aFailedWriteInvalidatesBeforeTheFallbackReads() {
        StepVerifier.create(cache.get("k", () -> load("old"))).expectNext("old").verifyComplete();
        StepVerifier.create(cache.writing("k", Mono.error(new IllegalStateException("duplicate")))
                        .onErrorResume(e -> cache.get("k", () -> load("theirs"))))
                .expectNext("theirs")
                .verifyComplete();
    }

    @Test
    void aLoadThatRacedWithAnInvalidationIsNotKept() {
        Sinks.One<String> slow = Sinks.one();
        StepVerifier.create(cache.get("k", slow::asMono))
                .then(() -> cache.invalidate("k"))
                .then(() -> slow.tryEmitValue("before the write"))
                .expectNext("before the write")
                .verifyComplete();
        StepVerifier.create(cache.get("k", () -> load("after the write"))).expectNext("after the write").verifyComplete();
    }

    @Test
    void zeroTimeToLiveDisablesCaching() {
        ReadCache<String, String> off = new ReadCache<>(0, 100);
        off.get("k", () -> load("v")).block();
        off.get("k", () -> load("v")).block();
        assertThat(loads).hasValue(2);
    }

    @Test
    void aFullCacheEvictsSomeEntriesNotAll() {
        ReadCache<Integer, String> small = new ReadCache<>(60_000_000_000L, 100);
        for (int i = 0; i < 1_000; i++) {
            int key = i;
            small.get(key, () -> Mono.just("v" + key)).block();
        }
        // The map used to be cleared whole when full, leaving one entry; a bounded cache keeps the bound.
        assertThat(small.size()).isEqualTo(100);
    }
}
