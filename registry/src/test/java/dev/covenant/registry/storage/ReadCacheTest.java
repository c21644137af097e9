package dev.covenant.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * The read caches, over a real MongoDB-wire server (in memory) holding the write generation. "Another instance"
 * is a second {@link WriteGenerations} and cache on the same database, as a second registry process would have.
 */
class ReadCacheTest {

    private static final long MINUTE = 60_000_000_000L;

    private static MongoServer server;
    private static MongoClient client;
    private static MongoDatabase database;

    private final WriteGenerations generations = new WriteGenerations(database);
    private final ReadCache<String, String> cache = new ReadCache<>(ReadCache.Kind.MUTABLE, generations, MINUTE, 100);
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeAll
    static void start() {
        server = new MongoServer(new H2Backend(MVStore.open(null)));
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        database = client.getDatabase("read-cache-test");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    private Mono<String> load(String value) {
        return Mono.fromCallable(() -> {
            loads.incrementAndGet();
            return value;
        });
    }

    @Test
    void getAllLoadsOnlyTheMissingKeysInOneCallAndRemembersWhatWasAbsent() {
        List<List<String>> asked = new ArrayList<>();
        Function<List<String>, Flux<Map.Entry<String, String>>> loader = keys -> {
            asked.add(keys);
            return Flux.fromIterable(keys).filter(key -> !key.equals("gone")).map(key -> Map.entry(key, key + "!"));
        };
        StepVerifier.create(cache.get("a", () -> load("cached a"))).expectNext("cached a").verifyComplete();

        StepVerifier.create(cache.getAll(List.of("b", "a", "gone", "c"), loader))
                .expectNext("b!", "cached a", "c!").verifyComplete();
        StepVerifier.create(cache.getAll(List.of("c", "gone", "b"), loader)).expectNext("c!", "b!").verifyComplete();

        assertThat(asked).as("one load, of the keys not cached; then the absent key is remembered too")
                .containsExactly(List.of("b", "gone", "c"));
        WriteGenerations other = new WriteGenerations(database);
        StepVerifier.create(other.advance().thenMany(cache.getAll(List.of("b"), loader)))
                .expectNext("b!").verifyComplete();
        assertThat(asked).as("a write on another instance makes the entries load again").hasSize(2);
    }

    @Test
    void thisInstancesOwnAdvancesKeepItsEntriesAndAnotherInstancesInBetweenDoNot() {
        WriteGenerations other = new WriteGenerations(database);
        StepVerifier.create(cache.get("own", () -> load("v1"))).expectNext("v1").verifyComplete();
        // this instance's writes forget their own keys before they advance: its other entries are still exact
        StepVerifier.create(generations.advance().then(generations.advance())
                .then(cache.get("own", () -> load("v2")))).expectNext("v1").verifyComplete();
        assertThat(loads).hasValue(1);

        // another instance's advance between two of this one's: the entries loaded before it are not served after it
        StepVerifier.create(other.advance().then(generations.advance())
                .then(cache.get("own", () -> load("v3")))).expectNext("v3").verifyComplete();
        assertThat(loads).hasValue(2);
        // another instance's advance after this one's: neither
        StepVerifier.create(generations.advance().then(other.advance())
                .then(cache.get("own", () -> load("v4")))).expectNext("v4").verifyComplete();
        assertThat(loads).hasValue(3);
    }

    @Test
    void secondReadIsServedFromTheCache() {
        StepVerifier.create(cache.get("k", () -> load("v1"))).expectNext("v1").verifyComplete();
        StepVerifier.create(cache.get("k", () -> load("v2"))).expectNext("v1").verifyComplete();
        assertThat(loads).hasValue(1);
    }

    @Test
    void absentValuesAreRememberedByAMutableCache() {
        StepVerifier.create(cache.get("k", Mono::empty)).verifyComplete();
        StepVerifier.create(cache.get("k", () -> load("v"))).verifyComplete();
        assertThat(loads).hasValue(0);
    }

    @Test
    void anImmutableCacheKeepsValuesButNeverAbsence() {
        ReadCache<String, String> immutable = new ReadCache<>(ReadCache.Kind.IMMUTABLE, null, MINUTE, 100);
        // Absent now, written by another instance a moment later: the next read must find it.
        StepVerifier.create(immutable.get("k", Mono::empty)).verifyComplete();
        StepVerifier.create(immutable.get("k", () -> load("written elsewhere"))).expectNext("written elsewhere")
                .verifyComplete();
        StepVerifier.create(immutable.get("k", () -> load("never loaded"))).expectNext("written elsewhere")
                .verifyComplete();
        assertThat(loads).hasValue(1);
    }

    @Test
    void aWriteThroughAnotherInstanceIsSeenAtOnce() {
        WriteGenerations otherGenerations = new WriteGenerations(database);
        ReadCache<String, String> other = new ReadCache<>(ReadCache.Kind.MUTABLE, otherGenerations, MINUTE, 100);
        StepVerifier.create(cache.get("head", () -> load("v1"))).expectNext("v1").verifyComplete();
        StepVerifier.create(cache.get("head", () -> load("v1 again"))).expectNext("v1").verifyComplete();

        StepVerifier.create(other.writing("head", Mono.just("v2 stored"))).expectNext("v2 stored").verifyComplete();

        StepVerifier.create(cache.get("head", () -> load("v2"))).expectNext("v2").verifyComplete();
        assertThat(loads).hasValue(2);
    }

    @Test
    void aNamedCacheKeepsItsEntriesThroughOtherWritesAndSeesWritesOfItsNameOnAnotherInstanceAtOnce() {
        ReadCache<String, String> named = new ReadCache<>(ReadCache.Kind.MUTABLE, "hooks", generations, MINUTE, 100);
        WriteGenerations otherGenerations = new WriteGenerations(database);
        ReadCache<String, String> otherNamed = new ReadCache<>(ReadCache.Kind.MUTABLE, "hooks", otherGenerations,
                MINUTE, 100);
        ReadCache<String, String> otherUnnamed = new ReadCache<>(ReadCache.Kind.MUTABLE, otherGenerations, MINUTE, 100);
        StepVerifier.create(named.get("all", () -> load("h1"))).expectNext("h1").verifyComplete();
        StepVerifier.create(cache.get("head", () -> load("v1"))).expectNext("v1").verifyComplete();

        // another instance writes through an unnamed cache: the unnamed entry goes, the named one stays
        StepVerifier.create(otherUnnamed.writing("head", Mono.just("v2 stored"))).expectNext("v2 stored")
                .verifyComplete();
        StepVerifier.create(named.get("all", () -> load("h1 again"))).expectNext("h1").verifyComplete();
        StepVerifier.create(cache.get("head", () -> load("v2"))).expectNext("v2").verifyComplete();
        assertThat(loads).hasValue(3);

        // it writes through a cache of the same name: seen at once
        StepVerifier.create(otherNamed.writing("all", Mono.just("h2 stored"))).expectNext("h2 stored").verifyComplete();
        StepVerifier.create(named.get("all", () -> load("h2"))).expectNext("h2").verifyComplete();
        // and a named write advances the store-wide generation too: unnamed entries go as well
        StepVerifier.create(cache.get("head", () -> load("v3"))).expectNext("v3").verifyComplete();
        assertThat(loads).hasValue(5);
    }

    @Test
    void aFailedWriteThroughAnotherInstanceIsSeenToo() {
        ReadCache<String, String> other = new ReadCache<>(ReadCache.Kind.MUTABLE, new WriteGenerations(database),
                MINUTE, 100);
        StepVerifier.create(cache.get("head", () -> load("before"))).expectNext("before").verifyComplete();
        // A write that timed out may have been applied: the other instances must not trust their entries.
        StepVerifier.create(other.writing("head", Mono.error(new IllegalStateException("timed out"))))
                .verifyErrorMessage("timed out");
        StepVerifier.create(cache.get("head", () -> load("after"))).expectNext("after").verifyComplete();
    }

    @Test
    void aScopeReadsTheGenerationOnceAndSeesWritesAnsweredBeforeIt() {
        ReadCache<String, String> other = new ReadCache<>(ReadCache.Kind.MUTABLE, new WriteGenerations(database),
                MINUTE, 100);
        StepVerifier.create(cache.get("head", () -> load("v1"))).expectNext("v1").verifyComplete();
        Mono<String> twoReadsAroundAWrite = cache.get("head", () -> load("v2"))
                .flatMap(first -> other.writing("head", Mono.just("v3 stored"))
                        .then(cache.get("head", () -> load("v3")))
                        .map(second -> first + "," + second));
        // One generation read per scope, on its first cached read: it sees the write answered before that read,
        // and the write made in the middle of the scope is not looked for again.
        StepVerifier.create(generations.scoped(other.writing("head", Mono.just("v2 stored"))
                        .then(twoReadsAroundAWrite)))
                .expectNext("v2,v2")
                .verifyComplete();
        // The next scope sees it.
        StepVerifier.create(generations.scoped(cache.get("head", () -> load("v3")))).expectNext("v3").verifyComplete();
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
        ReadCache<String, String> off = new ReadCache<>(ReadCache.Kind.MUTABLE, generations, 0, 100);
        off.get("k", () -> load("v")).block();
        off.get("k", () -> load("v")).block();
        assertThat(loads).hasValue(2);
    }

    @Test
    void aFullCacheEvictsSomeEntriesNotAll() {
        ReadCache<Integer, String> small = new ReadCache<>(ReadCache.Kind.IMMUTABLE, null, MINUTE, 100);
        for (int i = 0; i < 1_000; i++) {
            int key = i;
            small.get(key, () -> Mono.just("v" + key)).block();
        }
        // The map used to be cleared whole when full, leaving one entry; a bounded cache keeps the bound.
        assertThat(small.size()).isEqualTo(100);
    }
}
