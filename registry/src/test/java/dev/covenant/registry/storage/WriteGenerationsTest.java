package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The write generation over a real MongoDB-wire server: concurrent advances share increments, and each caller still
 * waits for an increment stored after its call (what keeps the read caches exact across instances).
 */
class WriteGenerationsTest {

    private static MongoServer server;
    private static MongoClient client;
    private static MongoDatabase database;

    @BeforeAll
    static void start() {
        server = new MongoServer(new H2Backend(MVStore.open(null)));
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        database = client.getDatabase("write-generations-test");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void sequentialAdvancesEachIncrement() {
        WriteGenerations generations = new WriteGenerations(database);
        long before = generations.read().block();
        for (int i = 0; i < 3; i++) {
            generations.advance().block(Duration.ofSeconds(10));
        }
        assertThat(generations.read().block()).isEqualTo(before + 3);
    }

    @Test
    void concurrentAdvancesShareIncrementsAndEachSeesOneThatBeganAfterItsCall() {
        WriteGenerations generations = new WriteGenerations(database);
        WriteGenerations otherInstance = new WriteGenerations(database);
        long before = generations.read().block();

        // each caller: the generation (read by another instance) before its call, and after its advance completed
        List<long[]> seen = Flux.range(0, 64)
                .flatMap(i -> otherInstance.read()
                        .flatMap(start -> generations.advance().then(otherInstance.read())
                                .map(end -> new long[] {start, end})), 64)
                .collectList().block(Duration.ofSeconds(30));

        long after = generations.read().block();
        assertThat(seen).hasSize(64).allSatisfy(pair -> assertThat(pair[1]).isGreaterThan(pair[0]));
        assertThat(after - before).as("increments for 64 concurrent advances").isPositive().isLessThan(64);
    }

    @Test
    void theWritesOfADeferringUnitAdvanceOnceBeforeItsAnswerAndAtAFlush() {
        WriteGenerations generations = new WriteGenerations(database);
        long before = generations.read().block();
        AtomicReference<Mono<Void>> beforeAnswer = new AtomicReference<>();
        List<Long> seen = new ArrayList<>();

        Mono<Void> unit = generations.advance().then(generations.advance()).then(generations.advance())
                .then(generations.read()).doOnNext(seen::add)         // held back: nothing advanced yet
                .then(generations.flush())                              // an event is recorded: one advance
                .then(generations.read()).doOnNext(seen::add)
                .then(generations.flush())                              // nothing owed: no advance
                .then(generations.advance()).then(generations.advance())
                .then(Mono.defer(() -> beforeAnswer.get()))             // the answer is committed: one advance
                .then(generations.read()).doOnNext(seen::add)
                .then(generations.advance())                            // after the answer: at once
                .then(generations.read()).doOnNext(seen::add)
                .then();
        generations.deferring(unit, beforeAnswer::set).block(Duration.ofSeconds(10));

        assertThat(seen).containsExactly(before, before + 1, before + 2, before + 3);
        assertThat(generations.read().block()).isEqualTo(before + 3);
    }

    @Test
    void aDeferringUnitAdvancesTheNamesItWroteThroughOnceWithTheStoreWideGeneration() {
        WriteGenerations generations = new WriteGenerations(database);
        WriteGenerations.Generation before = generations.readAll().block();
        AtomicReference<Mono<Void>> beforeAnswer = new AtomicReference<>();

        Mono<Void> unit = generations.advance("hooks").then(generations.advance("hooks")).then(generations.advance(null))
                .then(generations.advance("teams")).then(Mono.defer(() -> beforeAnswer.get()));
        generations.deferring(unit, beforeAnswer::set).block(Duration.ofSeconds(10));

        WriteGenerations.Generation after = generations.readAll().block();
        assertThat(after.of(null)).isEqualTo(before.of(null) + 1);
        assertThat(after.of("hooks")).isEqualTo(before.of("hooks") + 1);
        assertThat(after.of("teams")).isEqualTo(before.of("teams") + 1);
        assertThat(after.of("other")).isEqualTo(before.of("other"));
    }

    @Test
    void aDeferringUnitThatEndsWithoutAnsweringStillAdvancesForItsWrites() {
        WriteGenerations generations = new WriteGenerations(database);
        long before = generations.read().block();

        generations.deferring(generations.advance().then(generations.advance()), beforeAnswer -> { })
                .block(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(generations.read().block()).isEqualTo(before + 1));

        // a unit without writes owes nothing
        generations.deferring(generations.read(), beforeAnswer -> { }).block(Duration.ofSeconds(10));
        assertThat(generations.read().block()).isEqualTo(before + 1);
    }

    @Test
    void aFailedIncrementFailsItsCallersAndTheNextCallerIsNotLeftWaiting() {
        MongoServer down = new MongoServer(new H2Backend(MVStore.open(null)));
        InetSocketAddress address = down.bind();
        try (MongoClient unreachable = MongoClients.create("mongodb://127.0.0.1:" + address.getPort()
                + "/?serverSelectionTimeoutMS=500")) {
            WriteGenerations generations = new WriteGenerations(unreachable.getDatabase("gone"));
            down.shutdownNow();
            StepVerifier.create(generations.advance()).expectError().verify(Duration.ofSeconds(30));
            StepVerifier.create(generations.advance()).expectError().verify(Duration.ofSeconds(30));
        }
    }
}
