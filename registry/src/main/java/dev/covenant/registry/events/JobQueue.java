package dev.covenant.registry.events;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.storage.IndexDefinitions;
import dev.covenant.registry.storage.MongoErrors;
import dev.covenant.registry.system.NotFoundException;
import dev.covenant.registry.system.ConflictException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The durable job queue in MongoDB. Active and parked jobs live in {@code jobs} (small, so the claim query
 * stays cheap even where it scans); finished jobs move to {@code jobs_done}, where they stay readable for
 * {@code covenant.jobs.done-retention}. Claims are one atomic findOneAndUpdate that sets a lease, so workers on
 * any number of instances never run a job twice at the same time, and a job whose worker died is claimed
 * again once its lease has expired. No transactions are needed.
 */
@Service
public class JobQueue implements IndexDefinitions {

    static final int MAX_HISTORY = 50;

    private final MongoCollection<Document> jobs;
    private final MongoCollection<Document> done;
    private final Clock clock;
    private final JobsProperties properties;
    private final LinkedBlockingQueue<Boolean> wakeups = new LinkedBlockingQueue<>();

    JobQueue(MongoDatabase database, Clock clock, JobsProperties properties) {
        this.jobs = database.getCollection("jobs");
        this.done = database.getCollection("jobs_done");
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of("jobs", List.of(new IndexModel(Indexes.ascending("status", "runAt"))),
                "jobs_done", List.of(new IndexModel(Indexes.ascending("type", "finishedAt"))));
    }

    /**
     * Adds a job unless one with the same id is queued, parked or finished (within the retention): the id is
     * the idempotency key. Completes with true when this call added it.
     */
    public Mono<Boolean> enqueue(Job job) {
        return enqueue(job, null);
    }

    /** As {@link #enqueue(Job)}, first run no earlier than {@code notBefore} (null: now). */
    public Mono<Boolean> enqueue(Job job, Instant notBefore) {
        Date now = Date.from(clock.instant());
        Document document = new Document("_id", job.id()).append("type", job.type())
                .append("payload", job.payload() == null ? new Document() : job.payload())
                .append("status", Job.Status.PENDING.stored()).append("attempts", 0)
                .append("runAt", notBefore == null ? now : Date.from(notBefore))
                .append("createdAt", now).append("history", List.of());
        return Mono.from(done.find(eq("_id", job.id())).first())
                .map(finished -> false)
                .switchIfEmpty(Mono.defer(() -> Mono.from(jobs.insertOne(document))
                        .map(inserted -> {
                            wakeups.offer(Boolean.TRUE);
                            return true;
                        })
                        .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.just(false))));
    }

    /** Claims the next due job of one of {@code types} for {@code owner}, or completes empty. */
    Mono<Job> claim(String owner, Collection<String> types, Duration lease) {
        Date now = Date.from(clock.instant());
        Bson due = or(and(eq("status", Job.Status.PENDING.stored()), lte("runAt", now)),
                and(eq("status", Job.Status.RUNNING.stored()), lt("leaseUntil", now)));
        return Mono.from(jobs.findOneAndUpdate(and(in("type", types), due),
                        Updates.combine(Updates.set("status", Job.Status.RUNNING.stored()),
                                Updates.set("leaseOwner", owner),
                                Updates.set("leaseUntil", Date.from(now.toInstant().plus(lease))),
                                Updates.inc("attempts", 1)),
                        new FindOneAndUpdateOptions().sort(Sorts.ascending("runAt")).returnDocument(ReturnDocument.AFTER)))
                .map(Job::from);
    }

    /** Records a successful attempt: the job moves to {@code jobs_done}. */
    Mono<Void> succeeded(Job job, String owner, Job.Attempt attempt) {
        Date now = Date.from(clock.instant());
        Document finished = new Document("_id", job.id()).append("type", job.type()).append("payload", job.payload())
                .append("status", Job.Status.DONE.stored()).append("attempts", job.attempts())
                .append("createdAt", job.createdAt() == null ? now : Date.from(job.createdAt()))
                .append("finishedAt", now).append("history", history(job, attempt));
        return Mono.from(done.insertOne(finished))
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.empty())
                .then(Mono.from(jobs.deleteOne(and(eq("_id", job.id()), eq("leaseOwner", owner)))))
                .then();
    }

    /**
     * Records a failed attempt: the job waits for its next attempt with back-off, or is parked when its
     * attempts are used up or the failure is permanent. Completes with the job's new status.
     */
    Mono<Job.Status> failed(Job job, String owner, Job.Attempt attempt, RetryPolicy policy, boolean permanent,
            java.util.random.RandomGenerator random) {
        boolean park = permanent || policy.exhausted(job.attempts());
        Instant now = clock.instant();
        Job.Status status = park ? Job.Status.PARKED : Job.Status.PENDING;
        Bson update = Updates.combine(Updates.set("status", status.stored()),
                Updates.set("runAt", Date.from(park ? now : now.plus(policy.delayAfter(job.attempts(), random)))),
                Updates.set("lastError", attempt.detail()),
                Updates.set("history", history(job, attempt)),
                Updates.unset("leaseOwner"), Updates.unset("leaseUntil"));
        return Mono.from(jobs.updateOne(and(eq("_id", job.id()), eq("leaseOwner", owner)), update))
                .thenReturn(status);
    }

    /** Puts a parked job back in the queue with a fresh set of attempts. */
    public Mono<Job> replay(String id) {
        return Mono.from(jobs.findOneAndUpdate(and(eq("_id", id), eq("status", Job.Status.PARKED.stored())),
                        Updates.combine(Updates.set("status", Job.Status.PENDING.stored()), Updates.set("attempts", 0),
                                Updates.set("runAt", Date.from(clock.instant()))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(Job::from)
                .doOnNext(replayed -> wakeups.offer(Boolean.TRUE))
                .switchIfEmpty(Mono.defer(() -> find(id)
                        .switchIfEmpty(Mono.error(() -> new NotFoundException("No job '" + id + "'")))
                        .flatMap(other -> Mono.error(new ConflictException("status",
                                "Only parked jobs can be replayed; this one is " + other.status().stored())))));
    }

    /** The job, queued, parked or finished. */
    public Mono<Job> find(String id) {
        return Mono.from(jobs.find(eq("_id", id)).first())
                .switchIfEmpty(Mono.defer(() -> Mono.from(done.find(eq("_id", id)).first())))
                .map(Job::from);
    }

    /** Jobs of a type with the given status, newest first. */
    public Flux<Job> list(String type, Job.Status status, int limit) {
        MongoCollection<Document> source = status == Job.Status.DONE ? done : jobs;
        Bson filter = and(eq("type", type), eq("status", status.stored()));
        return Flux.from(source.find(filter).sort(Sorts.descending("createdAt")).limit(limit)).map(Job::from);
    }

    /** Deletes finished jobs older than the retention. */
    Mono<Long> prune() {
        Date cutoff = Date.from(clock.instant().minus(properties.doneRetention()));
        return Mono.from(done.deleteMany(lt("finishedAt", cutoff))).map(result -> result.getDeletedCount());
    }

    /** Blocks the calling worker until work may be available or the interval passes. */
    void awaitWork(Duration interval) throws InterruptedException {
        wakeups.poll(interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void wakeAll(int workers) {
        for (int i = 0; i < workers; i++) {
            wakeups.offer(Boolean.TRUE);
        }
    }

    private static List<Document> history(Job job, Job.Attempt attempt) {
        List<Document> history = new ArrayList<>(job.history().stream().map(Job.Attempt::toDocument).toList());
        history.add(attempt.toDocument());
        return history.size() > MAX_HISTORY ? history.subList(history.size() - MAX_HISTORY, history.size()) : history;
    }
}
