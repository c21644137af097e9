package dev.covenant.registry.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.RegistryTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The durable queue on the embedded store: retries with back-off, parking and replay, lease expiry after a
 * worker dies, exactly-once completion under concurrent workers, and events recorded by the write paths.
 */
@Import(JobQueueTest.Handlers.class)
@TestPropertySource(properties = {"covenant.jobs.workers=4", "covenant.jobs.poll-interval=50ms",
        "covenant.jobs.initial-backoff=100ms", "covenant.jobs.max-backoff=400ms", "covenant.jobs.max-attempts=3",
        "covenant.jobs.lease=5s"})
class JobQueueTest extends RegistryTest {

    @Autowired
    JobQueue queue;
    @Autowired
    EventLog events;
    @Autowired
    MongoDatabase database;
    @Autowired
    Handlers handlers;

    @Test
    void failingJobIsRetriedWithGrowingDelaysUntilItSucceeds() {
        String id = unique("flaky");
        handlers.failuresBeforeSuccess.put(id, 2);
        assertThat(queue.enqueue(Job.of(id, "test.flaky", new Document())).block()).isTrue();
        assertThat(queue.enqueue(Job.of(id, "test.flaky", new Document())).block()).isFalse();

        Job done = await().atMost(Duration.ofSeconds(20)).until(() -> queue.find(id).block(),
                job -> job.status() == Job.Status.DONE);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.history()).extracting(Job.Attempt::outcome).containsExactly("error", "error", "ok");
        List<Instant> starts = done.history().stream().map(Job.Attempt::startedAt).toList();
        // back-off 100 ms then 200 ms, each ± 20 %
        assertThat(Duration.between(starts.get(0), starts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(80));
        assertThat(Duration.between(starts.get(1), starts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(160));
        assertThat(queue.enqueue(Job.of(id, "test.flaky", new Document())).block())
                .as("a finished job's id stays taken").isFalse();
    }

    @Test
    void jobOutOfAttemptsIsParkedAndReplayRunsItAgain() {
        String id = unique("doomed");
        handlers.failuresBeforeSuccess.put(id, 3);
        queue.enqueue(Job.of(id, "test.flaky", new Document())).block();

        Job parked = await().atMost(Duration.ofSeconds(20)).until(() -> queue.find(id).block(),
                job -> job.status() == Job.Status.PARKED);
        assertThat(parked.attempts()).isEqualTo(3);
        assertThat(parked.lastError()).contains("planned failure 3");
        assertThat(queue.list("test.flaky", Job.Status.PARKED, 100).map(Job::id).collectList().block()).contains(id);

        queue.replay(id).block();
        Job done = await().atMost(Duration.ofSeconds(20)).until(() -> queue.find(id).block(),
                job -> job.status() == Job.Status.DONE);
        assertThat(done.history()).hasSize(4);
        assertThat(handlers.runs.get(id)).hasValue(4);
    }

    @Test
    void permanentFailureParksAtOnce() {
        String id = unique("refused");
        queue.enqueue(Job.of(id, "test.permanent", new Document())).block();
        Job parked = await().atMost(Duration.ofSeconds(20)).until(() -> queue.find(id).block(),
                job -> job.status() == Job.Status.PARKED);
        assertThat(parked.attempts()).isEqualTo(1);
        assertThat(parked.lastError()).isEqualTo("target refused");
    }

    @Test
    void jobOfADeadWorkerIsRunAgainAfterItsLeaseExpires() {
        String id = unique("orphan");
        // Queued for much later, so that no live worker takes it; then what a claim by a worker that died leaves
        // behind: the job running under that worker's lease. (JobQueueClaimsTest steps through the claims.)
        queue.enqueue(Job.of(id, "test.count", new Document()), Instant.now().plus(Duration.ofHours(1))).block();
        Mono.from(database.getCollection("jobs").updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("status", "running"), Updates.set("leaseOwner", "dead-worker"), Updates.set("attempts", 1),
                Updates.set("leaseUntil", Date.from(Instant.now().plus(Duration.ofSeconds(3))))))).block();

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> queue.find(id).block().status() == Job.Status.RUNNING && !handlers.runs.containsKey(id));
        Job done = await().atMost(Duration.ofSeconds(20)).until(() -> queue.find(id).block(),
                job -> job.status() == Job.Status.DONE);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(handlers.runs.get(id)).hasValue(1);
    }

    @Test
    void manyJobsUnderConcurrentWorkersEachRunOnce() {
        String prefix = unique("bulk");
        Flux.range(0, 200).concatMap(i -> queue.enqueue(Job.of(prefix + "-" + i, "test.count", new Document())))
                .then().block();
        await().atMost(Duration.ofSeconds(60)).until(() -> Flux.range(0, 200)
                .concatMap(i -> queue.find(prefix + "-" + i)).filter(job -> job.status() == Job.Status.DONE)
                .count().block() == 200);
        for (int i = 0; i < 200; i++) {
            assertThat(handlers.runs.get(prefix + "-" + i)).as("runs of job %d", i).hasValue(1);
        }
    }

    @Test
    void publishingRecordsOneEventAndHandlersSeeItOnce() {
        String app = unique("inventory");
        String document = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Inventory\",\"version\":\"1\"},\"paths\":{}}";
        for (int i = 0; i < 2; i++) {
            http.put().uri("/applications/{a}/versions/1.0.0/openapi?branch=main", app)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(document).exchange().expectStatus().is2xxSuccessful();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> handlers.seen.containsKey(app));
        Event event = handlers.seen.get(app).get(0);
        assertThat(event.type()).isEqualTo(EventTypes.CONTRACT_PUBLISHED);
        assertThat(event.version()).isEqualTo("1.0.0");
        assertThat(((EventPayload.ContractPublished) event.payload()).branch()).isEqualTo("main");
        assertThat(((EventPayload.ContractPublished) event.payload()).sha()).hasSize(64);
        assertThat(event.sequence()).isPositive();
        // the republish is the same fact: no second event, no second handling (the checks' own
        // compatibility.checked event about the document is another fact)
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> handlers.seen.get(app).stream()
                        .filter(seen -> seen.type().equals(EventTypes.CONTRACT_PUBLISHED)).count() == 1);
    }

    @Test
    void aRecordedEventIsPublishedLiveOnceAndRecordingTheSameFactAgainReturnsTheStoredOne() {
        String app = unique("live");
        Event event = Event.of(app, "1.0.0", new EventPayload.DeploymentRecorded("production", null, null), "x");
        AtomicReference<Event> stored = new AtomicReference<>();
        AtomicReference<Event> published = new AtomicReference<>();

        StepVerifier.create(events.live().filter(live -> live.application().equals(app)))
                .then(() -> stored.set(events.record(event).block()))
                .consumeNextWith(published::set)
                .then(() -> StepVerifier.create(events.record(event).map(Event::sequence))
                        .expectNext(stored.get().sequence()).verifyComplete())
                .expectNoEvent(Duration.ofMillis(300))
                .thenCancel()
                .verify(Duration.ofSeconds(20));

        assertThat(published.get().id()).isEqualTo(event.id());
        assertThat(published.get().sequence()).isPositive().isEqualTo(stored.get().sequence());
        assertThat(((EventPayload.DeploymentRecorded) published.get().payload()).environment()).isEqualTo("production");
        StepVerifier.create(events.since(stored.get().sequence() - 1, 1).map(Event::id)).expectNext(event.id())
                .verifyComplete();
    }

    @Test
    void anEventHandledAtItsFirstAttemptLeavesItsEventAndNoJob() {
        String app = unique("carried");
        Event stored = events.record(Event.of(app, "1.0.0",
                new EventPayload.DeploymentRecorded("production", null, null), "carried")).block();

        await().atMost(Duration.ofSeconds(20)).until(() -> handlers.seen.containsKey(app)
                && queue.find(EventLog.eventJobId(stored)).block() == null);
        assertThat(handlers.seen.get(app)).containsExactly(stored);
        assertThat(events.find(stored.id()).block()).isEqualTo(stored);
    }

    @Test
    void aJobWhoseInstanceDiedBeforeRecordingItsEventRecordsTheEventThenHandlesIt() {
        String app = unique("half-recorded");
        Event event = Event.of(app, "1.0.0", new EventPayload.DeploymentRecorded("production", null, null), "x");
        Document document = event.toDocument(1L, Instant.now().minusSeconds(60));
        // what a recording that died between its two writes leaves: the job, claimed by the dead instance, no event
        Mono.from(database.getCollection("jobs").insertOne(new Document("_id", "event:" + event.id())
                .append("type", EventLog.EVENT_JOB_TYPE)
                .append("payload", new Document("eventId", event.id()).append(EventLog.EVENT, document))
                .append("status", "running").append("attempts", 1).append("leaseOwner", "dead/instance")
                .append("leaseUntil", Date.from(Instant.now().minusSeconds(1)))
                .append("runAt", Date.from(Instant.now().minusSeconds(60)))
                .append("createdAt", Date.from(Instant.now().minusSeconds(60))).append("history", List.of()))).block();
        assertThat(events.find(event.id()).block()).isNull();

        await().atMost(Duration.ofSeconds(20)).until(() -> handlers.seen.containsKey(app));
        assertThat(events.find(event.id()).block()).as("recorded by the job's second attempt").isNotNull();
        assertThat(handlers.seen.get(app)).extracting(Event::id).containsExactly(event.id());
        Job done = await().atMost(Duration.ofSeconds(20)).until(() -> queue.find("event:" + event.id()).block(),
                job -> job != null && job.status() == Job.Status.DONE);
        assertThat(done.attempts()).isEqualTo(2);
    }

    @Test
    void aDerivedEventIsRecordedAndHandledAtOnceAndAFailingHandlerFailsTheCallerForItsRetry() {
        String app = unique("derived");
        handlers.failOnce.add(app);
        Event event = Event.of(app, "1.0.0", new EventPayload.DeploymentRecorded("production", null, null), "x");

        StepVerifier.create(events.recordAndHandle(event))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("test-fails-once failed"))
                .verify(Duration.ofSeconds(20));
        Event recorded = events.find(event.id()).block();
        assertThat(recorded).as("recorded before its handlers ran").isNotNull();
        assertThat(queue.find(EventLog.eventJobId(recorded)).block()).as("no job of its own").isNull();

        Event again = events.recordAndHandle(event).block(Duration.ofSeconds(20));
        assertThat(again).isEqualTo(recorded);
        assertThat(handlers.runs.get("fails-once:" + app)).hasValue(2);
        assertThat(handlers.seen.get(app)).extracting(Event::sequence).containsExactly(recorded.sequence(),
                recorded.sequence());
    }

    @Test
    void recordingAFactAgainAfterItsJobFinishedDoesNotHandleItAgain() {
        String app = unique("repeated");
        Event event = Event.of(app, "1.0.0", new EventPayload.DeploymentRecorded("production", null, null), "x");
        Event first = events.record(event).block();
        await().atMost(Duration.ofSeconds(20)).until(() -> handlers.seen.containsKey(app)
                && queue.find(EventLog.eventJobId(first)).block() == null);

        Event again = events.record(event).block();

        assertThat(again).isEqualTo(first);
        assertThat(queue.find(EventLog.eventJobId(first)).block()).as("the job of the repeat is withdrawn").isNull();
        assertThat(handlers.seen.get(app)).hasSize(1);
    }

    @Test
    void recordingInterruptedAfterTheOutboxIsCompletedByRecovery() {
        String app = unique("crashed");
        Event event = Event.of(app, "1.0.0", new EventPayload.DeploymentRecorded("production", null, null), "x");
        // what a write that died right after its first step leaves behind: only the outbox entry
        Mono.from(database.getCollection("event_outbox").insertOne(event.toDocument(1L,
                Instant.now().minus(EventLog.OUTBOX_GRACE).minusSeconds(1)))).block();
        assertThat(events.find(event.id()).block()).isNull();

        events.recoverOutbox();

        assertThat(events.find(event.id()).block()).isNotNull();
        await().atMost(Duration.ofSeconds(20)).until(() -> handlers.seen.containsKey(app));
        assertThat(Mono.from(database.getCollection("event_outbox").find(new Document("_id", event.id())).first())
                .block()).isNull();
    }

    @Test
    void anEventIsOneJobAndItsRetryRunsOnlyTheHandlersThatFailed() {
        String app = unique("one-job");
        handlers.failOnce.add(app);
        Event event = events.record(Event.of(app, "1.0.0",
                new EventPayload.DeploymentRecorded("production", null, null), "x")).block();

        Job done = await().atMost(Duration.ofSeconds(20)).until(() -> queue.find(EventLog.eventJobId(event)).block(),
                job -> job != null && job.status() == Job.Status.DONE);
        assertThat(done.type()).isEqualTo(EventLog.EVENT_JOB_TYPE);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.history()).extracting(Job.Attempt::outcome).containsExactly("error", "ok");
        assertThat(done.history().get(0).detail()).contains("test-fails-once failed: planned failure");
        assertThat(done.payload().getList(EventLog.DONE, String.class)).contains("test-recorder")
                .doesNotContain("test-fails-once");
        // the handler that succeeded on the first attempt was not run again by the retry
        assertThat(handlers.seen.get(app)).hasSize(1);
        assertThat(handlers.runs.get("fails-once:" + app)).hasValue(2);
        // no job per handler any more
        assertThat(queue.find("event:test-recorder:" + event.id()).block()).isNull();
    }

    @TestConfiguration
    static class Handlers {

        final java.util.Set<String> failOnce = ConcurrentHashMap.newKeySet();

        @Bean
        EventHandler failsOnce() {
            return new EventHandler() {
                @Override
                public String name() {
                    return "test-fails-once";
                }

                @Override
                public Mono<String> handle(Event event) {
                    int run = runs.computeIfAbsent("fails-once:" + event.application(), id -> new AtomicInteger())
                            .incrementAndGet();
                    return failOnce.contains(event.application()) && run == 1
                            ? Mono.error(new IllegalStateException("planned failure"))
                            : Mono.just("fine");
                }
            };
        }

        final Map<String, Integer> failuresBeforeSuccess = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        final Map<String, List<Event>> seen = new ConcurrentHashMap<>();

        @Bean
        JobHandler flaky() {
            return handler("test.flaky", job -> {
                int run = runs.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
                if (run <= failuresBeforeSuccess.getOrDefault(job.id(), 0)) {
                    return Mono.error(new IllegalStateException("planned failure " + run));
                }
                return Mono.just("ok after " + run);
            });
        }

        @Bean
        JobHandler permanent() {
            return handler("test.permanent", job -> Mono.error(new PermanentJobFailure("target refused")));
        }

        @Bean
        JobHandler counting() {
            return handler("test.count", job -> Mono.fromCallable(() -> {
                runs.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
                return "counted";
            }));
        }

        @Bean
        EventHandler recorder() {
            return new EventHandler() {
                @Override
                public String name() {
                    return "test-recorder";
                }

                @Override
                public Mono<String> handle(Event event) {
                    seen.computeIfAbsent(event.application(), key -> new java.util.concurrent.CopyOnWriteArrayList<>())
                            .add(event);
                    return Mono.just("seen");
                }
            };
        }

        static JobHandler handler(String type, java.util.function.Function<Job, Mono<String>> body) {
            return new JobHandler() {
                @Override
                public String type() {
                    return type;
                }

                @Override
                public Mono<String> run(Job job) {
                    return body.apply(job);
                }
            };
        }
    }
}
