package dev.covenant.registry.events;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.IndexDefinitions;
import dev.covenant.registry.storage.MongoErrors;
import dev.covenant.registry.storage.Sequences;
import dev.covenant.registry.storage.WriteGenerations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The durable record of what happened, and the hand-off to background work. Recording an event writes, in
 * order: an outbox entry holding the whole event, the event itself, one job for the event (type {@code event},
 * carrying the event, so its worker reads nothing more),
 * and then deletes the outbox entry. Each step is idempotent, so a crash anywhere leaves either a complete record or
 * an outbox entry that {@link #recoverOutbox()} completes later — nothing is lost without transactions.
 *
 * <p>The event's job runs every {@link EventHandler} (concurrently). When some fail, the handlers that succeeded are
 * recorded in the job ({@code payload.done}, one {@code _id} update) and the attempt fails: the retry runs only the
 * handlers that have not succeeded yet. So an event costs one job, whatever the number of handlers
 * ({@code docs/adr/0018-one-job-per-event.md}). Jobs of the earlier design (one per handler, type
 * {@code event:<handler>}) still queued in a store are still run.
 */
@Service
public class EventLog implements IndexDefinitions {

    private static final Logger log = LoggerFactory.getLogger(EventLog.class);
    /** An outbox entry this old belongs to a write that died half-way (live writes take milliseconds). */
    static final Duration OUTBOX_GRACE = Duration.ofSeconds(30);

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> outbox;
    private final Sequences sequences;
    private final JobQueue jobs;
    private final Clock clock;
    private final ObjectProvider<EventHandler> handlers;
    private final Sinks.Many<Event> live = Sinks.many().multicast().directBestEffort();
    private final MeterRegistry meters;
    private final WriteGenerations generations;

    EventLog(MongoDatabase database, Sequences sequences, JobQueue jobs, Clock clock,
            ObjectProvider<EventHandler> handlers, MeterRegistry meters, WriteGenerations generations) {
        this.generations = generations;
        this.events = database.getCollection("events");
        this.outbox = database.getCollection("event_outbox");
        this.sequences = sequences;
        this.jobs = jobs;
        this.clock = clock;
        this.handlers = handlers;
        this.meters = meters;
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of("events", List.of(new IndexModel(Indexes.ascending("sequence")),
                new IndexModel(Indexes.ascending("application", "sequence"))));
    }

    /**
     * Records the event durably and queues its handling; completes with the stored event (the earlier one if
     * the same fact was recorded before). Call it in the write path, before answering the client.
     *
     * <p>Two writes after the sequence, no outbox: first the event's job, inserted already claimed by this
     * instance and carrying the event, then the event. A crash between the two leaves a job whose lease runs out;
     * its next attempt (on any instance) records the event (idempotently, by its id) before handling it. A crash
     * before the job leaves nothing to answer the client with, so nothing acknowledged is lost. Since every event
     * is recorded after its job, an event already stored whose job could be inserted again had its job finished:
     * the new job is withdrawn, and the fact is not handled twice.
     */
    public Mono<Event> record(Event event) {
        // the writes before it are visible to every instance before a worker or a stream reader can act on it
        return generations.flush().then(sequences.next("event"))
                .map(sequence -> event.toDocument(sequence, clock.instant()))
                .flatMap(document -> store(document, false));
    }

    /**
     * Records an event that a handler derives from the event it handles, and runs every handler for it now, within
     * the calling job (which a job per derived event would cost an insert and a delete more). No job of its own: if
     * recording or any handler fails, this fails, and so does the calling handler; the calling job's retry records
     * the event again (idempotently, by id) and runs its handlers again (they are idempotent). Completes with the
     * stored event.
     */
    public Mono<Event> recordAndHandle(Event event) {
        return generations.flush().then(sequences.next("event"))
                .map(sequence -> event.toDocument(sequence, clock.instant()))
                .flatMap(document -> Mono.from(events.insertOne(document))
                        .then(Mono.fromCallable(() -> Event.from(document)))
                        .doOnNext(stored -> published(stored, true))
                        .onErrorResume(MongoErrors::isDuplicateKey, e -> find(document.getString("_id"))))
                .flatMap(stored -> handleAll(handlers.orderedStream().toList(), stored)
                        .flatMap(outcomes -> {
                            List<HandlerOutcome> failed = outcomes.stream().filter(o -> o.failure() != null).toList();
                            return failed.isEmpty() ? Mono.just(stored) : Mono.error(failure(failed));
                        }));
    }

    /**
     * The job, then the event; the job goes to the workers once the event is stored. {@code recovering}: an
     * outbox entry of an earlier version, whose event may be stored without its job having run, so the job is kept.
     * A recording that finds the job queued already (the same fact, recorded before or right now by another
     * request) stores nothing: the event is the one that job carries, stored by its recording or by its retry.
     */
    private Mono<Event> store(Document document, boolean recovering) {
        String id = document.getString("_id");
        Job job = Job.of(EVENT_JOB_TYPE + ":" + id, EVENT_JOB_TYPE, new Document("eventId", id).append(EVENT, document));
        return jobs.insertClaimed(job).flatMap(jobInserted -> !jobInserted
                ? find(id).switchIfEmpty(Mono.defer(() -> carried(job.id()))).switchIfEmpty(Mono.defer(() -> find(id)))
                : Mono.from(events.insertOne(document))
                        .thenReturn(true)
                        .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.just(false))
                        .flatMap(inserted -> {
                            if (inserted || recovering) {
                                jobs.release(job.id());
                            }
                            if (inserted) {
                                Event stored = Event.from(document);
                                published(stored, true);
                                return Mono.just(stored);
                            }
                            // stored before, after its own job, which has finished since (else this insert failed)
                            return (recovering ? Mono.<Void>empty() : jobs.withdraw(job.id())).then(find(id));
                        })
                        // the job stays, for its next attempt to record the event once its lease runs out
                        .doOnError(error -> jobs.forget(job.id())));
    }

    /** The event an event job carries (null-safe: jobs of earlier versions carry only its id). */
    private Mono<Event> carried(String jobId) {
        return jobs.find(jobId).flatMap(job -> Mono.justOrEmpty(job.payload().get(EVENT, Document.class)))
                .map(Event::from);
    }

    private void published(Event event, boolean inserted) {
        if (inserted) {
            Counter.builder("covenant.events.recorded").description("Events recorded")
                    .tag("type", event.type()).register(meters).increment();
            live.tryEmitNext(event);
        }
    }

    /**
     * Completes recordings of an earlier version that died half-way (its outbox entries older than a grace
     * period; this version writes none). An event job it finished is in {@code jobs_done}: nothing to do then.
     */
    @Scheduled(initialDelay = 5_000, fixedDelay = 30_000)
    void recoverOutbox() {
        Date cutoff = Date.from(clock.instant().minus(OUTBOX_GRACE));
        Long recovered = Flux.from(outbox.find(lt("createdAt", cutoff)).limit(1000))
                .concatMap(entry -> jobs.find(EVENT_JOB_TYPE + ":" + entry.getString("_id"))
                        .hasElement()
                        .flatMap(queued -> queued ? Mono.<Event>empty() : store(entry, true))
                        .then(Mono.from(outbox.deleteOne(eq("_id", entry.getString("_id"))))))
                .count()
                .onErrorResume(e -> {
                    log.warn("Could not complete unfinished event records ({}); will retry in 30 s", e.getMessage());
                    return Mono.just(0L);
                })
                .block(Duration.ofMinutes(1));
        if (recovered != null && recovered > 0) {
            log.info("Completed {} event record(s) interrupted by an earlier crash", recovered);
        }
    }

    public Mono<Event> find(String id) {
        return Mono.from(events.find(eq("_id", id)).first()).map(Event::from);
    }

    /** Events after a sequence number, oldest first. */
    public Flux<Event> since(long sequence, int limit) {
        return Flux.from(events.find(gt("sequence", sequence)).sort(Sorts.ascending("sequence")).limit(limit))
                .map(Event::from);
    }

    /**
     * Deletes the events recorded before {@code cutoff} (retention); emits how many went. Walks the log in sequence
     * order through the {@code sequence} index, {@value #PRUNE_BATCH} events a query, deleting each batch's old ones
     * by {@code _id}: no query scans the log or holds the store for the whole prune (on the embedded store a filter
     * on {@code createdAt} scans every event under the collection's lock). Events are recorded in sequence order
     * and stamped right after taking their sequence, so {@code createdAt} rises with the sequence up to the clock
     * skew between instances: the walk stops at the first event recorded {@link #PRUNE_SKEW} after the cutoff.
     */
    public Mono<Long> pruneBefore(Instant cutoff) {
        return Mono.just(new PruneStep(Long.MIN_VALUE, 0, false))
                .expand(step -> step.done() ? Mono.empty() : pruneBatch(step, cutoff))
                .last()
                .map(PruneStep::deleted);
    }

    /**
     * Events examined per query while pruning: small, because on the embedded store a query holds the collection's
     * lock while it reads its documents from the file (1,000 cold ones took 3.5 s at 228,000 events).
     */
    static final int PRUNE_BATCH = 250;
    /** How far past the cutoff the pruning walk looks for events stamped out of sequence order. */
    static final Duration PRUNE_SKEW = Duration.ofMinutes(1);

    /** Where the pruning walk stands: after this sequence, having deleted so many, finished or not. */
    private record PruneStep(long after, long deleted, boolean done) {
    }

    private Mono<PruneStep> pruneBatch(PruneStep step, Instant cutoff) {
        return Flux.from(events.find(gt("sequence", step.after()))
                        .projection(Projections.include("sequence", "createdAt"))
                        .sort(Sorts.ascending("sequence"))
                        .limit(PRUNE_BATCH))
                .collectList()
                .flatMap(batch -> deleteOld(step, batch, cutoff));
    }

    /** Deletes the batch's events older than the cutoff; done at the end of the log or well past the cutoff. */
    private Mono<PruneStep> deleteOld(PruneStep step, List<Document> batch, Instant cutoff) {
        Date before = Date.from(cutoff);
        Date stop = Date.from(cutoff.plus(PRUNE_SKEW));
        List<Object> old = batch.stream()
                .filter(event -> event.getDate("createdAt").before(before))
                .map(event -> event.get("_id"))
                .toList();
        boolean done = batch.size() < PRUNE_BATCH
                || batch.stream().anyMatch(event -> !event.getDate("createdAt").before(stop));
        long last = batch.isEmpty() ? step.after() : ((Number) batch.get(batch.size() - 1).get("sequence")).longValue();
        return deleteEvents(old)
                .map(deleted -> new PruneStep(last, step.deleted() + deleted, done));
    }

    private Mono<Long> deleteEvents(List<Object> ids) {
        return ids.isEmpty() ? Mono.just(0L)
                : Mono.from(events.deleteMany(in("_id", ids))).map(result -> result.getDeletedCount());
    }

    /** The newest events, newest first. */
    public Flux<Event> latest(int limit) {
        return Flux.from(events.find().sort(Sorts.descending("sequence")).limit(limit)).map(Event::from);
    }

    /** Events recorded by this instance from now on (other instances' events are read with {@link #since}). */
    public Flux<Event> live() {
        return live.asFlux();
    }

    /**
     * The job handlers for events: the event job (every handler, see the class comment) and, for jobs queued by
     * the earlier design, one per handler.
     */
    List<JobHandler> jobHandlers() {
        List<JobHandler> all = new java.util.ArrayList<>();
        all.add(new EventJobHandler());
        handlers.orderedStream().map(this::asJobHandler).forEach(all::add);
        return all;
    }

    /** Runs every event handler that has not yet succeeded for the job's event. */
    private final class EventJobHandler implements JobHandler {

        @Override
        public String type() {
            return EVENT_JOB_TYPE;
        }

        @Override
        public Mono<String> run(Job job) {
            List<String> done = job.payload().getList(DONE, String.class, List.of());
            List<EventHandler> pending = handlers.orderedStream().filter(handler -> !done.contains(handler.name()))
                    .toList();
            return recorded(job).then(eventOf(job))
                    .flatMap(event -> handleAll(pending, event))
                    .flatMap(outcomes -> settle(job, outcomes));
        }

        /** Handled at once and never failed: it leaves no record in {@code jobs_done}, only its event. */
        @Override
        public boolean logsFirstAttempt() {
            return false;
        }

        /**
         * After the first attempt, the event is recorded again (idempotently, by its id) first: the instance that
         * inserted the job may have died before recording it (see {@link #record}).
         */
        private Mono<Void> recorded(Job job) {
            Document carried = job.payload().get(EVENT, Document.class);
            if (job.attempts() <= 1 || carried == null) {
                return Mono.empty();
            }
            return Mono.from(events.insertOne(carried)).then().onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.empty());
        }

        /** All succeeded: the notes. Some failed: the others are recorded as done, and the attempt fails. */
        private Mono<String> settle(Job job, List<HandlerOutcome> outcomes) {
            List<HandlerOutcome> failed = outcomes.stream().filter(outcome -> outcome.failure() != null).toList();
            String notes = outcomes.stream().filter(outcome -> outcome.failure() == null)
                    .map(outcome -> outcome.handler() + (outcome.note().isEmpty() ? "" : ": " + outcome.note()))
                    .collect(java.util.stream.Collectors.joining("; "));
            if (failed.isEmpty()) {
                return Mono.just(notes);
            }
            List<String> succeeded = outcomes.stream().filter(outcome -> outcome.failure() == null)
                    .map(HandlerOutcome::handler).toList();
            return (succeeded.isEmpty() ? Mono.<Void>empty() : jobs.recordDone(job.id(), DONE, succeeded))
                    .then(Mono.error(failure(failed)));
        }
    }

    /** Runs the handlers for the event concurrently; one outcome each, failures included. */
    private Mono<List<HandlerOutcome>> handleAll(List<EventHandler> pending, Event event) {
        return Flux.fromIterable(pending)
                .flatMap(handler -> handle(handler, event), Math.max(1, pending.size()))
                .collectList();
    }

    private Mono<HandlerOutcome> handle(EventHandler handler, Event event) {
        return Mono.defer(() -> handler.handle(event)).defaultIfEmpty("")
                .map(note -> new HandlerOutcome(handler.name(), note, null))
                .onErrorResume(error -> Mono.just(new HandlerOutcome(handler.name(), null, error)))
                .doOnNext(outcome -> Counter.builder("covenant.events.handled")
                        .description("Event handler runs by outcome").tag("handler", outcome.handler())
                        .tag("outcome", outcome.failure() == null ? "ok" : "error").register(meters).increment());
    }

    /** The failure of handlers, every one named: permanent when all of them are. */
    private static RuntimeException failure(List<HandlerOutcome> failed) {
        String errors = failed.stream().map(outcome -> outcome.handler() + " failed: " + describe(outcome.failure()))
                .collect(java.util.stream.Collectors.joining("; "));
        return failed.stream().allMatch(outcome -> outcome.failure() instanceof PermanentJobFailure)
                ? new PermanentJobFailure(errors) : new IllegalStateException(errors);
    }

    private record HandlerOutcome(String handler, String note, Throwable failure) {
    }

    private static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    private JobHandler asJobHandler(EventHandler handler) {
        return new JobHandler() {
            @Override
            public String type() {
                return jobType(handler);
            }

            @Override
            public Mono<String> run(Job job) {
                return eventOf(job).flatMap(event -> handler.handle(event).defaultIfEmpty(""));
            }

            @Override
            public RetryPolicy retryPolicy() {
                return handler.retryPolicy();
            }
        };
    }

    /** The event a job runs: the one it carries, else (jobs queued before events were carried) the stored one. */
    private Mono<Event> eventOf(Job job) {
        Document carried = job.payload().get(EVENT, Document.class);
        if (carried != null) {
            return Mono.fromCallable(() -> Event.from(carried));
        }
        String eventId = job.payload().getString("eventId");
        return find(eventId).switchIfEmpty(Mono.error(() -> new PermanentJobFailure("Event " + eventId + " is gone")));
    }

    /** The field of an event job's payload holding the event it runs. */
    static final String EVENT = "event";
    /** The type of the one job per event. */
    static final String EVENT_JOB_TYPE = "event";
    /** The field of an event job's payload listing the handlers that have succeeded for it. */
    static final String DONE = "done";

    static String eventJobId(Event event) {
        return EVENT_JOB_TYPE + ":" + event.id();
    }

    static String jobType(EventHandler handler) {
        return "event:" + handler.name();
    }

    static String jobId(EventHandler handler, Event event) {
        return jobType(handler) + ":" + event.id();
    }
}
