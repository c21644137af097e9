package dev.covenant.registry.events;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.IndexDefinitions;
import dev.covenant.registry.storage.MongoErrors;
import dev.covenant.registry.storage.Sequences;
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
 * order: an outbox entry holding the whole event, the event itself, one job per {@link EventHandler}, and then
 * deletes the outbox entry. Each step is idempotent, so a crash anywhere leaves either a complete record or an
 * outbox entry that {@link #recoverOutbox()} completes later — nothing is lost without transactions.
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

    EventLog(MongoDatabase database, Sequences sequences, JobQueue jobs, Clock clock,
            ObjectProvider<EventHandler> handlers, MeterRegistry meters) {
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
     */
    public Mono<Event> record(Event event) {
        return sequences.next("event")
                .map(sequence -> event.toDocument(sequence, clock.instant()))
                .flatMap(document -> Mono.from(outbox.insertOne(document))
                        .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.empty())
                        .then(complete(document)));
    }

    /** Steps 2–4 of recording: the event, its jobs, then the outbox entry goes. */
    private Mono<Event> complete(Document document) {
        String id = document.getString("_id");
        return Mono.from(events.insertOne(document))
                .thenReturn(true)
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.just(false))
                .flatMap(inserted -> Mono.from(events.find(eq("_id", id)).first())
                        .map(Event::from)
                        .flatMap(stored -> enqueueHandlers(stored)
                                .then(Mono.from(outbox.deleteOne(eq("_id", id))))
                                .then(Mono.fromRunnable(() -> published(stored, inserted)))
                                .thenReturn(stored)));
    }

    private void published(Event event, boolean inserted) {
        if (inserted) {
            Counter.builder("covenant.events.recorded").description("Events recorded")
                    .tag("type", event.type()).register(meters).increment();
            live.tryEmitNext(event);
        }
    }

    private Mono<Void> enqueueHandlers(Event event) {
        return Flux.fromStream(handlers.orderedStream())
                .concatMap(handler -> jobs.enqueue(Job.of(jobId(handler, event), jobType(handler),
                        new Document("eventId", event.id()))))
                .then();
    }

    /** Completes recordings that died half-way (the outbox entries older than a grace period). */
    @Scheduled(initialDelay = 5_000, fixedDelay = 30_000)
    void recoverOutbox() {
        Date cutoff = Date.from(clock.instant().minus(OUTBOX_GRACE));
        Long recovered = Flux.from(outbox.find(lt("createdAt", cutoff)).limit(1000))
                .concatMap(this::complete)
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

    /** Deletes the events recorded before {@code cutoff} (retention); emits how many went. */
    public Mono<Long> pruneBefore(Instant cutoff) {
        return Mono.from(events.deleteMany(lt("createdAt", Date.from(cutoff))))
                .map(result -> result.getDeletedCount());
    }

    /** The newest events, newest first. */
    public Flux<Event> latest(int limit) {
        return Flux.from(events.find().sort(Sorts.descending("sequence")).limit(limit)).map(Event::from);
    }

    /** Events recorded by this instance from now on (other instances' events are read with {@link #since}). */
    public Flux<Event> live() {
        return live.asFlux();
    }

    /** The job handlers that run each {@link EventHandler} for an event. */
    List<JobHandler> jobHandlers() {
        return handlers.orderedStream().map(this::asJobHandler).toList();
    }

    private JobHandler asJobHandler(EventHandler handler) {
        return new JobHandler() {
            @Override
            public String type() {
                return jobType(handler);
            }

            @Override
            public Mono<String> run(Job job) {
                String eventId = job.payload().getString("eventId");
                return find(eventId)
                        .switchIfEmpty(Mono.error(() -> new PermanentJobFailure("Event " + eventId + " is gone")))
                        .flatMap(event -> handler.handle(event).defaultIfEmpty(""));
            }

            @Override
            public RetryPolicy retryPolicy() {
                return handler.retryPolicy();
            }
        };
    }

    static String jobType(EventHandler handler) {
        return "event:" + handler.name();
    }

    static String jobId(EventHandler handler, Event event) {
        return jobType(handler) + ":" + event.id();
    }
}
