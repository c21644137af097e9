package dev.covenant.registry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.covenant.contract.openapi.InvalidDocumentException;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.contract.openapi.Validation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The gateway's one set of limits, its bounded pool and its document cache. */
class EngineGatewayTest {

    private static final int DEPTH = 40;

    private EngineGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.destroy();
        }
    }

    private EngineGateway gateway(Integer concurrency, Integer maxQueued, Long cacheBytes) {
        gateway = new EngineGateway(new EngineProperties(null, null, DEPTH, null, concurrency, maxQueued, cacheBytes),
                new SimpleMeterRegistry());
        return gateway;
    }

    /** A valid OpenAPI 3.0 document whose response schema nests {@code levels} objects (plus the document's own). */
    private static byte[] document(int levels) {
        String schema = "{\"type\":\"string\"}";
        for (int i = 0; i < levels; i++) {
            schema = "{\"type\":\"object\",\"properties\":{\"p\":" + schema + "}}";
        }
        return ("{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{\"/a\":{\"get\":"
                + "{\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":{\"schema\":"
                + schema + "}}}}}}}}").getBytes(StandardCharsets.UTF_8);
    }

    /** A pact whose one response body nests {@code levels} objects. */
    private static byte[] pact(int levels) {
        String body = "1";
        for (int i = 0; i < levels; i++) {
            body = "{\"p\":" + body + "}";
        }
        return ("{\"consumer\":{\"name\":\"c\"},\"provider\":{\"name\":\"p\"},\"interactions\":[{\"description\":\"d\","
                + "\"request\":{\"method\":\"GET\",\"path\":\"/a\"},\"response\":{\"status\":200,\"body\":" + body
                + "}}],\"metadata\":{\"pactSpecification\":{\"version\":\"3.0.0\"}}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTooDeepDocumentIsRefusedTheSameWayOnEveryPath() {
        EngineGateway engine = gateway(null, null, null);
        byte[] deep = document(DEPTH);
        byte[] deepPact = pact(DEPTH);

        StepVerifier.create(engine.parse(deep, Validation.LENIENT))
                .expectErrorSatisfies(EngineGatewayTest::isOverTheLimit)
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(engine.parse(deep, Validation.NONE))
                .expectErrorSatisfies(EngineGatewayTest::isOverTheLimit)
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(engine.readStored(deep))
                .expectErrorSatisfies(EngineGatewayTest::isOverTheLimit)
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(engine.stored("deep", Mono.just(deep)))
                .expectErrorSatisfies(EngineGatewayTest::isOverTheLimit)
                .verify(Duration.ofSeconds(10));
        assertThatThrownBy(() -> engine.readPactNow(deepPact)).satisfies(EngineGatewayTest::isOverTheLimit);
        assertThatThrownBy(() -> engine.readJsonNow(deepPact, 1 << 20)).satisfies(EngineGatewayTest::isOverTheLimit);
        assertThat(engine.cachedDocuments()).as("a refused document is not kept").isZero();
    }

    @Test
    void aDocumentJustWithinTheDepthIsReadOnEveryPath() {
        EngineGateway engine = gateway(null, null, null);
        byte[] document = document(DEPTH / 2 - 8); // two levels each: ~34 deep in all
        ParsedDocument parsed = engine.parse(document, Validation.LENIENT).block(Duration.ofSeconds(10));

        assertThat(parsed.warnings()).isEmpty();
        assertThat(engine.readStored(parsed.canonicalJson()).block(Duration.ofSeconds(10)))
                .isEqualTo(parsed.tree());
        assertThat(engine.stored(parsed.sha256(), Mono.just(parsed.canonicalJson())).block(Duration.ofSeconds(10))
                .tree()).isEqualTo(parsed.tree());
        assertThat(engine.readPactNow(pact(DEPTH - 8)).path("interactions").size()).isEqualTo(1);
    }

    private static void isOverTheLimit(Throwable error) {
        assertThat(error).isInstanceOf(InvalidDocumentException.class);
        assertThat(((InvalidDocumentException) error).reason()).isEqualTo(InvalidDocumentException.Reason.LIMIT_EXCEEDED);
    }

    @Test
    void engineWorkRunsOnTheEnginePoolNotTheCallersThread() {
        EngineGateway engine = gateway(2, 4, null);

        StepVerifier.create(engine.run(() -> Thread.currentThread().getName()))
                .assertNext(thread -> assertThat(thread).startsWith("engine-"))
                .verifyComplete();
    }

    @Test
    void tasksBeyondThePoolAndItsQueueAreRefusedWith503() throws InterruptedException {
        EngineGateway engine = gateway(1, 2, null);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Mono<String> blocking = engine.run(() -> {
            started.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "done";
        });
        var running = blocking.subscribe();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        var queued1 = engine.run(() -> "q1").subscribe();
        var queued2 = engine.run(() -> "q2").subscribe();
        assertThat(engine.queuedTasks()).isEqualTo(2);

        StepVerifier.create(engine.run(() -> "over"))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ResponseStatusException.class);
                    assertThat(((ResponseStatusException) error).getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(((ResponseStatusException) error).getHeaders().getFirst("Retry-After")).isEqualTo("5");
                })
                .verify(Duration.ofSeconds(10));

        release.countDown();
        // once the pool has drained its queue, work is taken again
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> engine.queuedTasks() == 0);
        StepVerifier.create(engine.run(() -> "after"))
                .expectNext("after")
                .verifyComplete();
        running.dispose();
        queued1.dispose();
        queued2.dispose();
    }

    @Test
    void thePoolIsMeasured() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        gateway = new EngineGateway(EngineProperties.defaults(), meters);

        gateway.run(() -> 1).block(Duration.ofSeconds(10));

        assertThat(meters.find("executor.queued").tag("name", "engine").gauge()).isNotNull();
        // the executor counts a task as completed just after its result was handed over: poll with a deadline
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (completed(meters) < 1.0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(completed(meters)).isEqualTo(1.0);
        assertThat(meters.find("cache.size").tag("cache", "engine-documents").gauge()).isNotNull();
    }

    private static double completed(SimpleMeterRegistry meters) {
        return meters.find("executor.completed").tag("name", "engine").functionCounter().count();
    }

    @Test
    void aStoredDocumentIsReadOnceAndSharedByContentHash() {
        EngineGateway engine = gateway(null, null, null);
        ParsedDocument parsed = OpenApiDocuments.parse(document(3), EngineProperties.defaults().published(), Validation.NONE);
        AtomicInteger reads = new AtomicInteger();
        Mono<byte[]> json = Mono.fromCallable(() -> {
            reads.incrementAndGet();
            return parsed.canonicalJson();
        });

        CompiledDocument first = engine.stored(parsed.sha256(), json).block(Duration.ofSeconds(10));
        CompiledDocument second = engine.stored(parsed.sha256(), json).block(Duration.ofSeconds(10));

        assertThat(reads).hasValue(1);
        assertThat(second).isSameAs(first);
        assertThat(second.checker()).isSameAs(first.checker());
        assertThat(engine.candidate(parsed)).as("a candidate with the same content is the stored one").isSameAs(first);
    }

    @Test
    void theCacheIsBoundedByTheDocumentsNormalizedBytes() {
        byte[] a = OpenApiDocuments.parse(document(3), EngineProperties.defaults().published(), Validation.NONE)
                .canonicalJson();
        EngineGateway engine = gateway(null, null, (long) a.length * 2 + a.length / 2);
        for (int i = 0; i < 5; i++) {
            engine.stored("sha-" + i, Mono.just(a)).block(Duration.ofSeconds(10));
        }

        assertThat(engine.cachedDocuments()).isEqualTo(2);
    }
}
