package dev.covenant.registry.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.covenant.registry.storage.BackgroundDatabase;
import dev.covenant.registry.system.ConflictException;
import dev.covenant.registry.system.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The job queue's claims, leases, retries and replay as publishers, step by step on a clock the test moves: no
 * workers run, so each claim is exactly the one the test makes. The embedded MongoDB-wire server (H2 in memory) is
 * reached over loopback through the real driver. The worker-level behaviour is {@link JobQueueTest}'s.
 */
class JobQueueClaimsTest {

    private static final List<String> TYPES = List.of("test.work");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static MongoServer server;
    private static MongoClient client;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RetryPolicy retries = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(1), 0);
    private JobQueue queue;

    @BeforeAll
    static void startServer() {
        server = new MongoServer(new H2Backend(MVStore.open(null)));
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.shutdown();
    }

    /** The store of {@link #queue}, and another instance's queue on it. */
    private MongoDatabase database;
    private JobQueue other;

    @BeforeEach
    void newQueue() {
        database = client.getDatabase("jobs" + DATABASES.incrementAndGet());
        queue = queueOf(database);
        other = queueOf(database);
    }

    @Test
    void aJobQueuedHereThatAnotherInstanceRanMeanwhileIsNotRunAgainFromWhatWasInserted()
            throws InterruptedException {
        MongoDatabase database = client.getDatabase("inserted" + DATABASES.incrementAndGet());
        JobsProperties properties = new JobsProperties(0, null, LEASE, 3, null, null, 0.0, null, null, null, null);
        JobQueue here = new JobQueue(database, new BackgroundDatabase(client, database), clock, properties);
        JobQueue other = new JobQueue(database, new BackgroundDatabase(client, database), clock, properties);
        here.enqueue(Job.of("shared", "test.work", new Document("n", 7))).block();
        clock.advance(Duration.ofSeconds(1));
        here.enqueue(Job.of("mine", "test.work", new Document("n", 8))).block();

        // the other instance's scan finds and runs one of them first
        StepVerifier.create(other.scan(TYPES)).expectNext(2).verifyComplete();
        assertThat(other.nextReady(Duration.ZERO)).isEqualTo("shared");
        Job theirs = other.claim("shared", "other-worker", TYPES, LEASE).block();
        StepVerifier.create(other.succeeded(theirs, "other-worker", attempt(theirs, "ok"))).verifyComplete();

        assertThat(here.nextReady(Duration.ZERO)).isEqualTo("shared");
        StepVerifier.create(here.claim("shared", "worker", TYPES, LEASE)).as("already run elsewhere").verifyComplete();
        assertThat(here.nextReady(Duration.ZERO)).isEqualTo("mine");
        StepVerifier.create(here.claim("mine", "worker", TYPES, LEASE))
                .assertNext(job -> {
                    assertThat(job.attempts()).isEqualTo(1);
                    assertThat(job.payload()).isEqualTo(new Document("n", 8));
                    assertThat(job.status()).isEqualTo(Job.Status.RUNNING);
                })
                .verifyComplete();
        StepVerifier.create(other.claim("mine", "other-worker", TYPES, LEASE)).as("the claim decides").verifyComplete();
        StepVerifier.create(queueOf(database).find("shared")).assertNext(job -> {
            assertThat(job.status()).isEqualTo(Job.Status.DONE);
            assertThat(job.history()).hasSize(1);
        }).verifyComplete();
    }

    private JobQueue queueOf(MongoDatabase database) {
        return new JobQueue(database, new BackgroundDatabase(client, database), clock,
                new JobsProperties(0, null, LEASE, 3, null, null, 0.0, null, null, null, null));
    }

    @Test
    void theIdIsTheIdempotencyKeyWhileQueuedAndOnceFinished() {
        Job job = Job.of("a", "test.work", new Document("n", 1));
        StepVerifier.create(queue.enqueue(job)).expectNext(true).verifyComplete();
        StepVerifier.create(queue.enqueue(job)).expectNext(false).verifyComplete();

        Job claimed = queue.claim("worker", TYPES, LEASE).block();
        StepVerifier.create(queue.succeeded(claimed, "worker", attempt(claimed, "ok"))).verifyComplete();

        StepVerifier.create(queue.enqueue(job)).expectNext(false).verifyComplete();
        StepVerifier.create(queue.find("a"))
                .assertNext(done -> {
                    assertThat(done.status()).isEqualTo(Job.Status.DONE);
                    assertThat(done.payload()).isEqualTo(new Document("n", 1));
                    assertThat(done.history()).extracting(Job.Attempt::outcome).containsExactly("ok");
                })
                .verifyComplete();
    }

    @Test
    void progressRecordedInAFailedAttemptIsWhatTheRetrySees() {
        queue.enqueue(Job.of("event:e1", "test.work", new Document("eventId", "e1"))).block();
        Job first = queue.claim("worker", TYPES, LEASE).block();

        StepVerifier.create(queue.recordDone(first.id(), "done", List.of("checks", "notifications"))).verifyComplete();
        StepVerifier.create(queue.recordDone(first.id(), "done", List.of("notifications"))).verifyComplete();
        StepVerifier.create(queue.failed(first, "worker", attempt(first, "error"), retries, false, new java.util.Random(1)))
                .expectNext(Job.Status.PENDING).verifyComplete();
        clock.advance(Duration.ofMinutes(1));

        StepVerifier.create(queue.claim("worker", TYPES, LEASE))
                .assertNext(retry -> {
                    assertThat(retry.attempts()).isEqualTo(2);
                    assertThat(retry.payload().getString("eventId")).isEqualTo("e1");
                    assertThat(retry.payload().getList("done", String.class)).containsExactly("checks", "notifications");
                })
                .verifyComplete();
    }

    @Test
    void workersTakeTheirInstancesJobsInTheOrderTheyBecameDueSoFollowUpWorkOvertakesLaterEvents()
            throws InterruptedException {
        StepVerifier.create(queue.enqueue(Job.of("event:2", "test.work", new Document()))).expectNext(true)
                .verifyComplete();
        StepVerifier.create(queue.enqueue(Job.of("event:3", "test.work", new Document()))).expectNext(true)
                .verifyComplete();
        // the delivery for event 1, recorded ten seconds ago, is queued after the two later events
        StepVerifier.create(queue.enqueue(Job.of("delivery:1", "test.work", new Document()),
                clock.instant().minusSeconds(10))).expectNext(true).verifyComplete();
        assertThat(queue.backlog()).isEqualTo(3);

        assertThat(queue.nextReady(Duration.ZERO)).isEqualTo("delivery:1");
        assertThat(queue.nextReady(Duration.ZERO)).isEqualTo("event:2");
        assertThat(queue.nextReady(Duration.ZERO)).isEqualTo("event:3");
        assertThat(queue.nextReady(Duration.ZERO)).isNull();
        assertThat(queue.backlog()).isZero();
    }

    @Test
    void theOldestWaitIsHowLongTheLongestDueUntakenJobHasWaited()
            throws InterruptedException {
        assertThat(queue.oldestWait()).isZero();
        StepVerifier.create(queue.enqueue(Job.of("first", "test.work", new Document()))).expectNext(true)
                .verifyComplete();
        clock.advance(Duration.ofSeconds(2));
        StepVerifier.create(queue.enqueue(Job.of("second", "test.work", new Document()))).expectNext(true)
                .verifyComplete();
        clock.advance(Duration.ofMillis(1500));
        assertThat(queue.oldestWait()).isEqualTo(Duration.ofMillis(3500));

        assertThat(queue.nextReady(Duration.ZERO)).isEqualTo("first");
        assertThat(queue.oldestWait()).isEqualTo(Duration.ofMillis(1500));
        assertThat(queue.nextReady(Duration.ZERO)).isEqualTo("second");
        assertThat(queue.oldestWait()).isZero();
    }

    @Test
    void aScanQueuesOtherInstancesDueWorkOnceAndItsWorkersClaimItById() throws InterruptedException {
        MongoDatabase database = client.getDatabase("scan" + DATABASES.incrementAndGet());
        JobsProperties properties = new JobsProperties(0, null, LEASE, 3, null, null, 0.0, null, null, null, null);
        JobQueue other = new JobQueue(database, new BackgroundDatabase(client, database), clock, properties);
        JobQueue here = new JobQueue(database, new BackgroundDatabase(client, database), clock, properties);
        other.enqueue(Job.of("theirs", "test.work", new Document())).block();
        other.enqueue(Job.of("later", "test.work", new Document()), clock.instant().plusSeconds(10)).block();
        other.enqueue(Job.of("not-ours", "other.work", new Document())).block();
        clock.advance(Duration.ofSeconds(1));
        here.enqueue(Job.of("ours", "test.work", new Document())).block();

        StepVerifier.create(here.scan(TYPES)).expectNext(1).verifyComplete();
        StepVerifier.create(here.scan(TYPES)).as("already queued").expectNext(0).verifyComplete();
        assertThat(here.backlog()).isEqualTo(2);

        assertThat(here.nextReady(Duration.ZERO)).isEqualTo("theirs");
        assertThat(here.claim("theirs", "worker", TYPES, LEASE).block()).isNotNull();
        assertThat(here.nextReady(Duration.ZERO)).isEqualTo("ours");
        StepVerifier.create(here.scan(TYPES)).as("taken but not claimed yet: due, queued again").expectNext(1)
                .verifyComplete();
        assertThat(here.nextReady(Duration.ZERO)).isEqualTo("ours");
        assertThat(here.claim("ours", "worker", TYPES, LEASE).block()).isNotNull();
        StepVerifier.create(here.scan(TYPES)).as("both claimed; the later one not due yet").expectNext(0)
                .verifyComplete();
        clock.advance(Duration.ofSeconds(10));
        StepVerifier.create(here.scan(TYPES)).expectNext(1).verifyComplete();
        assertThat(here.nextReady(Duration.ZERO)).isEqualTo("later");
    }

    @Test
    void workFoundByAScanWaitsFromWhenItWasFoundNotFromWhenItBecameDue() {
        MongoDatabase database = client.getDatabase("found" + DATABASES.incrementAndGet());
        JobsProperties properties = new JobsProperties(0, null, LEASE, 3, null, null, 0.0, null, null, null, null);
        JobQueue crashed = new JobQueue(database, new BackgroundDatabase(client, database), clock, properties);
        crashed.enqueue(Job.of("recovered", "test.work", new Document())).block();
        clock.advance(Duration.ofSeconds(20));
        JobQueue restarted = new JobQueue(database, new BackgroundDatabase(client, database), clock, properties);

        StepVerifier.create(restarted.scan(TYPES)).expectNext(1).verifyComplete();
        assertThat(restarted.oldestWait()).isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(restarted.oldestWait()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void thePaceIsTheWorkersOverTheirRecentMeanTimePerJob() {
        JobQueue fourWorkers = new JobQueue(client.getDatabase("pace"), new BackgroundDatabase(client,
                client.getDatabase("pace")), clock, new JobsProperties(4, null, LEASE, 3, null, null, 0.0, null, null,
                null, null));
        assertThat(fourWorkers.pace()).as("before any job").isZero();
        fourWorkers.served(Duration.ofMillis(100));
        assertThat(fourWorkers.pace()).isCloseTo(40.0, org.assertj.core.data.Offset.offset(0.01));
        for (int i = 0; i < 200; i++) {
            fourWorkers.served(Duration.ofMillis(400));
        }
        assertThat(fourWorkers.pace()).as("recent jobs weigh most").isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void aJobIsClaimedOnlyOnceItIsDueAndOnlyForItsTypes() {
        queue.enqueue(Job.of("later", "test.work", new Document()), clock.instant().plusSeconds(10)).block();

        StepVerifier.create(queue.claim("worker", TYPES, LEASE)).verifyComplete();
        clock.advance(Duration.ofSeconds(10));
        StepVerifier.create(queue.claim("worker", List.of("other.type"), LEASE)).verifyComplete();
        StepVerifier.create(queue.claim("worker", TYPES, LEASE))
                .assertNext(job -> {
                    assertThat(job.id()).isEqualTo("later");
                    assertThat(job.status()).isEqualTo(Job.Status.RUNNING);
                    assertThat(job.attempts()).isEqualTo(1);
                })
                .verifyComplete();
    }

    @Test
    void twoWorkersClaimingTheSameJobAtOnceGetItOnce() {
        queue.enqueue(Job.of("contended", "test.work", new Document())).block();

        StepVerifier.create(Flux.merge(queue.claim("one", TYPES, LEASE), queue.claim("two", TYPES, LEASE),
                        queue.claim("contended", "three", TYPES, LEASE)))
                .assertNext(job -> assertThat(job.id()).isEqualTo("contended"))
                .verifyComplete();
        StepVerifier.create(queue.claim("four", TYPES, LEASE)).verifyComplete();
    }

    @Test
    void aLeaseHoldsUntilItExpiresThenAnotherWorkerTakesTheJobOver() {
        queue.enqueue(Job.of("orphan", "test.work", new Document())).block();
        Job dead = queue.claim("dead-worker", TYPES, LEASE).block();
        assertThat(dead.attempts()).isEqualTo(1);

        clock.advance(LEASE.minusSeconds(1));
        StepVerifier.create(queue.claim("live-worker", TYPES, LEASE)).as("within the lease").verifyComplete();
        StepVerifier.create(queue.claim("orphan", "live-worker", TYPES, LEASE)).as("by id, within the lease")
                .verifyComplete();

        clock.advance(Duration.ofSeconds(2));
        Job live = queue.claim("live-worker", TYPES, LEASE).block();
        assertThat(live).isNotNull();
        assertThat(live.id()).isEqualTo("orphan");
        assertThat(live.attempts()).isEqualTo(2);

        // The dead worker comes back late: having lost its lease, its outcome changes nothing.
        queue.failed(dead, "dead-worker", attempt(dead, "error"), retries, true, new Random(1)).block();
        StepVerifier.create(queue.find("orphan"))
                .assertNext(job -> {
                    assertThat(job.status()).isEqualTo(Job.Status.RUNNING);
                    assertThat(job.attempts()).isEqualTo(2);
                    assertThat(job.lastError()).isNull();
                })
                .verifyComplete();
        queue.succeeded(live, "live-worker", attempt(live, "ok")).block();
        StepVerifier.create(queue.find("orphan").map(Job::status)).expectNext(Job.Status.DONE).verifyComplete();
    }

    @Test
    void aWorkerThatDiedBetweenItsClaimAndItsLeaseDoesNotStrandTheJob() {
        queue.enqueue(Job.of("stranded", "test.work", new Document())).block();
        // What a crash right after the claim insert leaves: the claim of attempt 1, the job still pending at 0.
        MongoDatabase database = client.getDatabase("jobs" + DATABASES.get());
        Mono.from(database.getCollection("job_claims").insertOne(new Document("_id", "stranded#0#1")
                .append("owner", "dead-worker").append("createdAt", java.util.Date.from(clock.instant())))).block();

        StepVerifier.create(queue.claim("live-worker", TYPES, LEASE)).as("within a lease of the claim").verifyComplete();
        clock.advance(LEASE.plusSeconds(1));
        queue.claim("live-worker", TYPES, LEASE).block(); // finds attempt 1 abandoned and moves past it
        Job live = queue.claim("live-worker", TYPES, LEASE).block();

        assertThat(live).as("claimed again after the abandoned claim").isNotNull();
        assertThat(live.id()).isEqualTo("stranded");
        assertThat(live.attempts()).isEqualTo(2);
    }

    @Test
    void aFailedAttemptWaitsForItsBackOffAndTheLastOneParksTheJobUntilReplay() {
        queue.enqueue(Job.of("flaky", "test.work", new Document())).block();
        for (int attempt = 1; attempt <= 2; attempt++) {
            Job claimed = queue.claim("worker", TYPES, LEASE).block();
            assertThat(claimed.attempts()).isEqualTo(attempt);
            StepVerifier.create(queue.failed(claimed, "worker", attempt(claimed, "error"), retries, false,
                    new Random(1))).expectNext(Job.Status.PENDING).verifyComplete();
            Duration backOff = retries.delayAfter(attempt, new Random(1));
            clock.advance(backOff.minusMillis(1));
            StepVerifier.create(queue.claim("worker", TYPES, LEASE)).as("during back-off " + backOff)
                    .verifyComplete();
            clock.advance(Duration.ofMillis(1));
        }
        Job last = queue.claim("worker", TYPES, LEASE).block();
        StepVerifier.create(queue.failed(last, "worker", attempt(last, "error"), retries, false, new Random(1)))
                .expectNext(Job.Status.PARKED).verifyComplete();
        clock.advance(Duration.ofDays(1));
        StepVerifier.create(queue.claim("worker", TYPES, LEASE)).as("parked").verifyComplete();
        StepVerifier.create(queue.list("test.work", Job.Status.PARKED, 10).map(Job::id)).expectNext("flaky")
                .verifyComplete();

        StepVerifier.create(queue.replay("flaky"))
                .assertNext(replayed -> {
                    assertThat(replayed.status()).isEqualTo(Job.Status.PENDING);
                    assertThat(replayed.attempts()).isZero();
                    assertThat(replayed.history()).hasSize(3);
                })
                .verifyComplete();
        StepVerifier.create(queue.claim("worker", TYPES, LEASE).map(Job::attempts)).expectNext(1).verifyComplete();
    }

    @Test
    void onlyParkedJobsCanBeReplayed() {
        queue.enqueue(Job.of("pending", "test.work", new Document())).block();

        StepVerifier.create(queue.replay("pending")).expectError(ConflictException.class).verify();
        StepVerifier.create(queue.replay("missing")).expectError(NotFoundException.class).verify();
    }

    @Test
    void pruningDeletesFinishedJobsOlderThanTheRetentionOnly() {
        for (String id : List.of("old", "new")) {
            queue.enqueue(Job.of(id, "test.work", new Document())).block();
            Job claimed = queue.claim(id, "worker", TYPES, LEASE).block();
            queue.succeeded(claimed, "worker", attempt(claimed, "ok")).block();
            clock.advance(Duration.ofDays(6));
        }
        clock.advance(Duration.ofDays(-4)); // "old" finished 8 days ago, "new" 2 days ago; the retention is 7 days

        StepVerifier.create(queue.prune()).expectNext(1L).verifyComplete();
        StepVerifier.create(queue.find("old")).verifyComplete();
        StepVerifier.create(queue.find("new").map(Job::status)).expectNext(Job.Status.DONE).verifyComplete();
    }

    @Test
    void aJobInsertedClaimedRunsItsFirstAttemptWithoutAClaimAndNobodyElseTakesItWithinTheLease()
            throws InterruptedException {
        Job job = Job.of("e1", "test.work", new Document("n", 1));
        StepVerifier.create(queue.insertClaimed(job)).expectNext(true).verifyComplete();
        StepVerifier.create(queue.insertClaimed(job)).as("the id is taken").expectNext(false).verifyComplete();
        assertThat(queue.backlog()).as("not offered before it is released").isZero();

        StepVerifier.create(other.scan(TYPES)).as("leased: not due for another instance").expectNext(0).verifyComplete();
        StepVerifier.create(other.claim("e1", "other-worker", TYPES, LEASE)).verifyComplete();

        queue.release("e1");
        assertThat(queue.nextReady(Duration.ZERO)).isEqualTo("e1");
        StepVerifier.create(queue.claim("e1", queue.owner(), TYPES, LEASE))
                .assertNext(claimed -> {
                    assertThat(claimed.attempts()).isEqualTo(1);
                    assertThat(claimed.status()).isEqualTo(Job.Status.RUNNING);
                    assertThat(claimed.payload()).isEqualTo(new Document("n", 1));
                    assertThat(claimed.leaseUntil()).isEqualTo(clock.instant().plus(LEASE));
                })
                .verifyComplete();
        StepVerifier.create(Mono.from(database.getCollection("job_claims").countDocuments()))
                .as("the insert was the claim").expectNext(0L).verifyComplete();
        StepVerifier.create(queue.claim("e1", queue.owner(), TYPES, LEASE))
                .as("read back, running under this instance's lease: another worker of it runs it").verifyComplete();
    }

    @Test
    void aJobThisInstanceClaimedAndAScanQueuedAgainIsNotRunTwiceByItsWorkers() throws InterruptedException {
        queue.enqueue(Job.of("twice", "test.work", new Document())).block();
        assertThat(queue.nextReady(Duration.ZERO)).isEqualTo("twice");
        StepVerifier.create(queue.scan(TYPES)).as("taken, not yet claimed: queued again").expectNext(1).verifyComplete();
        assertThat(queue.claim("twice", queue.owner(), TYPES, LEASE).block()).isNotNull();

        assertThat(queue.nextReady(Duration.ZERO)).isEqualTo("twice");
        StepVerifier.create(queue.claim("twice", queue.owner(), TYPES, LEASE)).verifyComplete();
    }

    @Test
    void anInstanceThatDiesAfterInsertingAClaimedJobLeavesItToAnotherOnceTheLeaseRunsOut() throws InterruptedException {
        queue.insertClaimed(Job.of("orphan", "test.work", new Document())).block(); // and then this instance dies

        clock.advance(LEASE.minusSeconds(1));
        StepVerifier.create(other.scan(TYPES)).expectNext(0).verifyComplete();
        clock.advance(Duration.ofSeconds(2));
        StepVerifier.create(other.scan(TYPES)).expectNext(1).verifyComplete();
        assertThat(other.nextReady(Duration.ZERO)).isEqualTo("orphan");
        Job taken = other.claim("orphan", other.owner(), TYPES, LEASE).block();
        assertThat(taken).isNotNull();
        assertThat(taken.attempts()).as("its second attempt: the first may have run").isEqualTo(2);
    }

    @Test
    void aClaimedJobTakenLateTakesItsNextAttemptThroughAClaimRatherThanRunOnAShortLease() throws InterruptedException {
        queue.insertClaimed(Job.of("late", "test.work", new Document())).block();
        queue.release("late");
        clock.advance(LEASE.dividedBy(2).plusSeconds(1));

        assertThat(queue.nextReady(Duration.ZERO)).isEqualTo("late");
        Job claimed = queue.claim("late", queue.owner(), TYPES, LEASE).block();
        assertThat(claimed.attempts()).isEqualTo(2);
        assertThat(claimed.leaseUntil()).isEqualTo(clock.instant().plus(LEASE));
        StepVerifier.create(other.claim("late", other.owner(), TYPES, LEASE)).as("the claim decides").verifyComplete();
    }

    @Test
    void aRecordingThatFindsItsWorkDoneWithdrawsTheJob() throws InterruptedException {
        queue.insertClaimed(Job.of("again", "test.work", new Document())).block();
        StepVerifier.create(queue.withdraw("again")).verifyComplete();
        StepVerifier.create(queue.find("again")).verifyComplete();
        StepVerifier.create(queue.claim("again", queue.owner(), TYPES, LEASE)).verifyComplete();
    }

    @Test
    void aFirstAttemptThatSucceedsLeavesNoRecordUnlessAskedOrRetried() throws InterruptedException {
        queue.insertClaimed(Job.of("quiet", "test.work", new Document())).block();
        queue.release("quiet");
        queue.nextReady(Duration.ZERO);
        Job quiet = queue.claim("quiet", queue.owner(), TYPES, LEASE).block();
        StepVerifier.create(queue.succeeded(quiet, queue.owner(), attempt(quiet, "ok"), false)).verifyComplete();
        StepVerifier.create(queue.find("quiet")).as("neither queued nor logged").verifyComplete();

        queue.insertClaimed(Job.of("retried", "test.work", new Document())).block();
        clock.advance(LEASE.plusSeconds(1));
        queue.scan(TYPES).block();
        queue.nextReady(Duration.ZERO);
        Job retried = queue.claim("retried", queue.owner(), TYPES, LEASE).block();
        StepVerifier.create(queue.succeeded(retried, queue.owner(), attempt(retried, "ok"), false)).verifyComplete();
        StepVerifier.create(queue.find("retried"))
                .assertNext(done -> {
                    assertThat(done.status()).isEqualTo(Job.Status.DONE);
                    assertThat(done.attempts()).isEqualTo(2);
                })
                .verifyComplete();
    }

    @Test
    void workAttemptedAtOnceIsLoggedWhenItSucceedsAndQueuedWithBackOffWhenItFails() {
        AtomicInteger sends = new AtomicInteger();
        JobHandler ok = JobQueueTest.Handlers.handler("test.work", job -> Mono.fromCallable(() -> "HTTP 204 #" + sends.incrementAndGet()));
        StepVerifier.create(firstAttempt(queue.attemptNow(Job.of("d1", "test.work", new Document("to", "a")), ok,
                retries))).expectNext(true).verifyComplete();
        StepVerifier.create(queue.find("d1"))
                .assertNext(done -> {
                    assertThat(done.status()).isEqualTo(Job.Status.DONE);
                    assertThat(done.payload()).isEqualTo(new Document("to", "a"));
                    assertThat(done.history()).extracting(Job.Attempt::detail).containsExactly("HTTP 204 #1");
                })
                .verifyComplete();

        JobHandler refused = JobQueueTest.Handlers.handler("test.work", job -> Mono.error(new IllegalStateException("HTTP 503")));
        StepVerifier.create(firstAttempt(queue.attemptNow(Job.of("d2", "test.work", new Document()), refused, retries)))
                .expectNext(true).verifyComplete();
        Job queued = queue.find("d2").block();
        assertThat(queued.status()).isEqualTo(Job.Status.PENDING);
        assertThat(queued.attempts()).isEqualTo(1);
        assertThat(queued.lastError()).isEqualTo("HTTP 503");
        assertThat(queued.runAt()).isEqualTo(clock.instant().plus(retries.initialBackoff()));
        StepVerifier.create(other.scan(TYPES)).as("not before its back-off").expectNext(0).verifyComplete();
        clock.advance(retries.initialBackoff());
        StepVerifier.create(other.scan(TYPES)).expectNext(1).verifyComplete();
        StepVerifier.create(other.claim("d2", "worker", TYPES, LEASE).map(Job::attempts))
                .as("the retry is the second attempt").expectNext(2).verifyComplete();

        JobHandler gone = JobQueueTest.Handlers.handler("test.work", job -> Mono.error(new PermanentJobFailure("subscription deleted")));
        StepVerifier.create(firstAttempt(queue.attemptNow(Job.of("d3", "test.work", new Document()), gone, retries)))
                .expectNext(true).verifyComplete();
        StepVerifier.create(queue.find("d3").map(Job::status)).expectNext(Job.Status.PARKED).verifyComplete();
    }

    @Test
    void outsideAFirstAttemptWorkAlreadyDoneOrQueuedIsNotDoneAgain() {
        AtomicInteger sends = new AtomicInteger();
        JobHandler counting = JobQueueTest.Handlers.handler("test.work", job -> Mono.fromCallable(() -> "sent " + sends.incrementAndGet()));
        queue.attemptNow(Job.of("once", "test.work", new Document()), counting, retries).block();
        assertThat(sends).hasValue(1);

        StepVerifier.create(queue.attemptNow(Job.of("once", "test.work", new Document()), counting, retries))
                .as("a retry of the calling job: looked up, not sent again").expectNext(false).verifyComplete();
        JobHandler failing = JobQueueTest.Handlers.handler("test.work", job -> Mono.error(new IllegalStateException("down")));
        queue.attemptNow(Job.of("queued", "test.work", new Document()), failing, retries).block();
        StepVerifier.create(queue.attemptNow(Job.of("queued", "test.work", new Document()), counting, retries))
                .as("queued for its retries: left to them").expectNext(false).verifyComplete();
        assertThat(sends).hasValue(1);
    }

    private static Mono<Boolean> firstAttempt(Mono<Boolean> work) {
        return work.contextWrite(context -> context.put(JobQueue.FIRST_ATTEMPT, true));
    }

    private Job.Attempt attempt(Job job, String outcome) {
        return new Job.Attempt(job.attempts(), clock.instant(), 1, outcome, outcome);
    }
}
