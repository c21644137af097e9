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
import dev.covenant.registry.storage.BackgroundDatabase;
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
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The durable job queue in MongoDB. Active and parked jobs live in {@code jobs} (small, so the claim query
 * stays cheap even where it scans); finished jobs move to {@code jobs_done}, where they stay readable for
 * {@code covenant.jobs.done-retention}. A claim is the insert of {@code job_claims/<id>#<generation>#<attempt>}:
 * an {@code _id} insert that exactly one worker wins for an attempt (a conditional update would scan the collection
 * on the embedded store); the winner then sets the lease with a plain {@code _id} update. So workers on any number
 * of instances never run an attempt twice, and a job whose worker died is claimed again, as its next attempt,
 * once its lease has expired. Replaying a parked job starts a new generation. No transactions are needed.
 */
@Service
public class JobQueue implements IndexDefinitions {

    static final int MAX_HISTORY = 50;
    /** Due jobs a scan looks at; it takes the first one it can claim. */
    static final int SCAN_BATCH = 16;

    private final MongoCollection<Document> jobs;
    private final MongoCollection<Document> done;
    private final MongoCollection<Document> claims;
    /** {@code jobs} through the workers' own connections: claims, leases and outcomes. */
    private final MongoCollection<Document> workerJobs;
    private final MongoCollection<Document> workerDone;
    private final Clock clock;
    private final JobsProperties properties;
    /**
     * Ids of jobs this instance enqueued (or replayed), for its own workers to claim by {@code _id} — a point
     * lookup — instead of scanning for due work. Work from other instances, retries and anything missed here
     * is found by the periodic {@link #scan} and queued here too.
     */
    private final PriorityBlockingQueue<Ready> ready = new PriorityBlockingQueue<>();
    /**
     * The documents of jobs this instance inserted and queued in {@link #ready}, until a worker of this instance
     * takes them: the claim starts from what was inserted instead of reading it back. (The claim insert still
     * decides who runs an attempt, so a copy made stale by another instance's worker only loses that claim.)
     */
    private final Map<String, Document> inserted = new java.util.concurrent.ConcurrentHashMap<>();
    /** The ids in {@link #ready}: an id is queued once, however often a scan meets it. */
    private final java.util.Set<String> readyIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong readySequence = new java.util.concurrent.atomic.AtomicLong();
    /** The mean seconds a worker spends per job (a double's bits), 0 before the first; see {@link #served}. */
    private final java.util.concurrent.atomic.AtomicLong serviceSeconds = new java.util.concurrent.atomic.AtomicLong();
    /** The weight of the newest job in that mean: about the last 20 jobs count. */
    private static final double SERVICE_WEIGHT = 0.05;
    /** Who this instance's workers are, as lease owner: jobs inserted already claimed carry it. */
    private final String owner = java.lang.management.ManagementFactory.getRuntimeMXBean().getName() + "/"
            + java.util.UUID.randomUUID().toString().substring(0, 8);
    /**
     * The key, in the Reactor context of a job's run, of whether it is the job's first attempt: work a handler
     * does through {@link #attemptNow} then needs no look-up of an earlier outcome (see there).
     */
    static final String FIRST_ATTEMPT = JobQueue.class.getName() + ".firstAttempt";

    JobQueue(MongoDatabase database, BackgroundDatabase background, Clock clock, JobsProperties properties) {
        this.workerJobs = background.database().getCollection("jobs");
        this.workerDone = background.database().getCollection("jobs_done");
        this.jobs = database.getCollection("jobs");
        this.done = database.getCollection("jobs_done");
        this.claims = background.database().getCollection("job_claims");
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
                        .map(result -> {
                            if (notBefore == null || !notBefore.isAfter(now.toInstant())) {
                                if (inserted.size() < properties.maxBacklog()) {
                                    inserted.put(job.id(), document);
                                }
                                if (!offerReady(job.id(), notBefore == null ? now.toInstant() : notBefore)) {
                                    inserted.remove(job.id());
                                }
                            }
                            return true;
                        })
                        .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.just(false))));
    }

    /**
     * Whether the work subscribing to it runs in the first attempt of a job: nothing can have done that job's work
     * before, so a look-up of an earlier outcome (a report, a delivery) is not needed. False outside a job.
     */
    public static Mono<Boolean> firstAttempt() {
        return Mono.deferContextual(context -> Mono.just(context.getOrDefault(FIRST_ATTEMPT, false)));
    }

    /** The lease owner of this instance's workers. */
    String owner() {
        return owner;
    }

    /**
     * Inserts a job already claimed by this instance for its first attempt (running, leased to {@link #owner()}):
     * the insert is the claim, so the attempt costs no claim insert, lease update or read-back, and there is no
     * look-up of a finished job with the same id (the caller knows from its own records whether the work was done
     * before; see {@link #withdraw}). The job is not offered to the workers until {@link #release}: the caller
     * first writes what the job relies on. If this instance dies before its worker takes the job, the lease expires
     * and any instance's scan claims the job's second attempt. Completes with false when the id is taken.
     */
    Mono<Boolean> insertClaimed(Job job) {
        Instant now = clock.instant();
        Document document = new Document("_id", job.id()).append("type", job.type())
                .append("payload", job.payload() == null ? new Document() : job.payload())
                .append("status", Job.Status.RUNNING.stored()).append("attempts", 1)
                .append("leaseOwner", owner).append("leaseUntil", Date.from(now.plus(properties.lease())))
                .append("runAt", Date.from(now)).append("createdAt", Date.from(now)).append("history", List.of());
        return Mono.from(jobs.insertOne(document))
                .map(result -> {
                    inserted.put(job.id(), document); // how the worker knows it may run it unclaimed: always kept
                    return true;
                })
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.just(false));
    }

    /** Offers a job inserted by {@link #insertClaimed} to this instance's workers. */
    void release(String id) {
        offerReady(id, clock.instant());
    }

    /**
     * Lets go of a job inserted by {@link #insertClaimed} that cannot be released (what it relies on could not be
     * written): it stays in the store, and once its lease runs out a scan finds it for its second attempt.
     */
    void forget(String id) {
        inserted.remove(id);
    }

    /** Deletes a job inserted by {@link #insertClaimed} and not released: its work turned out to be done already. */
    Mono<Void> withdraw(String id) {
        inserted.remove(id);
        return Mono.from(jobs.deleteOne(eq("_id", id))).then();
    }

    /**
     * Claims the next due job of one of {@code types} for {@code owner}, or completes empty: a scan and a claim in
     * one (the workers {@link #scan} and then claim by {@code _id}).
     */
    Mono<Job> claim(String owner, Collection<String> types, Duration lease) {
        Bson due = dueFilter(Date.from(clock.instant()));
        // The embedded server matches first and reads the documents afterwards, so a document may have changed
        // (been claimed) between the two: check again what was read.
        return Flux.from(workerJobs.find(and(in("type", types), due)).sort(Sorts.ascending("runAt")).limit(SCAN_BATCH))
                .filter(candidate -> due(candidate, clock.instant()))
                .concatMap(candidate -> tryClaim(candidate, owner, lease))
                .next();
    }

    /**
     * Looks for due work this instance's workers do not know of — retries, other instances' jobs, expired leases —
     * and queues its ids for them, to claim by {@code _id} like the jobs this instance queued itself (a scan of
     * {@code jobs}, so workers call it once per poll interval, not once per job). Emits how many ids were new.
     */
    Mono<Integer> scan(Collection<String> types) {
        Bson due = dueFilter(Date.from(clock.instant()));
        return Flux.from(workerJobs.find(and(in("type", types), due)).sort(Sorts.ascending("runAt")).limit(SCAN_BATCH))
                .filter(candidate -> due(candidate, clock.instant()))
                // waiting here counts from now: a job recovered after a crash, or another instance's, may be due
                // long since without this instance's queue being behind
                .filter(candidate -> offerReady(candidate.getString("_id"), candidate.getDate("runAt") == null
                        ? clock.instant() : candidate.getDate("runAt").toInstant(), clock.instant()))
                .count()
                .map(Long::intValue);
    }

    /** Jobs due at {@code now}: pending and due, or running under an expired lease. */
    private static Bson dueFilter(Date now) {
        return or(and(eq("status", Job.Status.PENDING.stored()), lte("runAt", now)),
                and(eq("status", Job.Status.RUNNING.stored()), lt("leaseUntil", now)));
    }

    /** Claims the job with this id if it is due and of one of {@code types}, or completes empty. */
    Mono<Job> claim(String id, String owner, Collection<String> types, Duration lease) {
        Document known = inserted.remove(id);
        return (known != null ? Mono.just(known) : Mono.from(workerJobs.find(eq("_id", id)).first()))
                .filter(candidate -> types.contains(candidate.getString("type")))
                .flatMap(candidate -> {
                    Instant now = clock.instant();
                    if (candidate == known && claimedAtInsert(candidate, owner)) {
                        // inserted already claimed by this instance, attempt 1 not run yet: run it while most of its
                        // lease is left, else take the next attempt (its claim insert decides, as after an expiry)
                        Date until = candidate.getDate("leaseUntil");
                        return until.toInstant().isAfter(now.plus(lease.dividedBy(2))) ? Mono.just(Job.from(candidate))
                                : tryClaim(candidate, owner, lease);
                    }
                    return due(candidate, now) ? tryClaim(candidate, owner, lease) : Mono.empty();
                });
    }

    /**
     * A job {@link #insertClaimed} by {@code owner} whose lease has not run out, as inserted: the document is taken
     * from {@link #inserted} by one worker only, so its first attempt has not been run. (A document read back from
     * the store could be an attempt another worker of this instance is running: the scan may queue an id again
     * between a worker taking it and claiming it.)
     */
    private boolean claimedAtInsert(Document job, String owner) {
        return Job.Status.RUNNING.stored().equals(job.getString("status")) && owner.equals(job.getString("leaseOwner"))
                && job.getInteger("attempts", 0) == 1 && job.getInteger("generation", 0) == 0
                && job.getDate("leaseUntil") != null && job.getDate("leaseUntil").toInstant().isAfter(clock.instant());
    }

    private static boolean due(Document job, Instant now) {
        String status = job.getString("status");
        Date runAt = job.getDate("runAt");
        Date leaseUntil = job.getDate("leaseUntil");
        return (Job.Status.PENDING.stored().equals(status) && runAt != null && !runAt.toInstant().isAfter(now))
                || (Job.Status.RUNNING.stored().equals(status) && leaseUntil != null && leaseUntil.toInstant().isBefore(now));
    }

    /**
     * Takes a candidate for {@code owner}: the claim is the insert of {@code job_claims/<id>#<generation>#<attempt>},
     * which only one worker can win for a given attempt — an {@code _id} insert, where a conditional update would
     * scan the collection on the embedded store. The winner then writes the lease with a plain {@code _id} update.
     */
    private Mono<Job> tryClaim(Document candidate, String owner, Duration lease) {
        String id = candidate.getString("_id");
        int attempt = candidate.getInteger("attempts", 0) + 1;
        int generation = candidate.getInteger("generation", 0);
        Date now = Date.from(clock.instant());
        Date until = Date.from(now.toInstant().plus(lease));
        return Mono.from(claims.insertOne(new Document("_id", id + "#" + generation + "#" + attempt).append("owner", owner)
                        .append("createdAt", now)))
                .then(Mono.from(workerJobs.updateOne(eq("_id", id), Updates.combine(
                        Updates.set("status", Job.Status.RUNNING.stored()), Updates.set("leaseOwner", owner),
                        Updates.set("leaseUntil", until), Updates.set("attempts", attempt)))))
                .map(updated -> {
                    Document leased = new Document(candidate);
                    leased.put("status", Job.Status.RUNNING.stored());
                    leased.put("leaseOwner", owner);
                    leased.put("leaseUntil", until);
                    leased.put("attempts", attempt);
                    return Job.from(leased);
                })
                .onErrorResume(MongoErrors::isDuplicateKey, e -> skipAbandonedClaim(candidate, attempt, lease));
    }

    /**
     * The claim of this attempt exists but the job does not show it: its worker is between the claim insert and the
     * lease update, or died there (a crash right after the insert). Once the claim is older than a lease, that
     * attempt counts as spent, as an expired lease does: the job's attempts move past it (only if nobody moved them
     * meanwhile), so the next scan claims the following attempt. Without this the job could never be claimed again.
     */
    private Mono<Job> skipAbandonedClaim(Document candidate, int attempt, Duration lease) {
        String id = candidate.getString("_id");
        String claimId = id + "#" + candidate.getInteger("generation", 0) + "#" + attempt;
        Instant now = clock.instant();
        return Mono.from(claims.find(eq("_id", claimId)).first())
                .filter(claim -> claim.getDate("createdAt") != null
                        && claim.getDate("createdAt").toInstant().plus(lease).isBefore(now))
                .flatMap(abandoned -> Mono.from(workerJobs.updateOne(
                        and(eq("_id", id), eq("attempts", candidate.getInteger("attempts", 0))),
                        Updates.set("attempts", attempt))))
                .then(Mono.empty());
    }

    /**
     * Adds names to a list in a job's payload (progress within an attempt, e.g. the handlers of an event job that
     * have succeeded), by {@code _id}: a retry then sees them.
     */
    Mono<Void> recordDone(String id, String field, List<String> names) {
        return Mono.from(workerJobs.updateOne(eq("_id", id), Updates.addEachToSet("payload." + field, names))).then();
    }

    /** Records a successful attempt: the job moves to {@code jobs_done}. */
    Mono<Void> succeeded(Job job, String owner, Job.Attempt attempt) {
        return succeeded(job, owner, attempt, true);
    }

    /**
     * Records a successful attempt: the job is deleted from {@code jobs}, and kept in {@code jobs_done} if
     * {@code logFirstAttempt} or it took more than one attempt (its history is then worth reading).
     */
    Mono<Void> succeeded(Job job, String owner, Job.Attempt attempt, boolean logFirstAttempt) {
        // The job is done whoever holds its lease now: a worker that took over an expired lease finds it gone.
        Mono<Void> delete = Mono.from(workerJobs.deleteOne(eq("_id", job.id()))).then();
        if (!logFirstAttempt && job.attempts() <= 1) {
            return delete;
        }
        return Mono.from(workerDone.insertOne(finished(job, attempt)))
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.empty())
                .then(delete);
    }

    private Document finished(Job job, Job.Attempt attempt) {
        Date now = Date.from(clock.instant());
        return new Document("_id", job.id()).append("type", job.type()).append("payload", job.payload())
                .append("status", Job.Status.DONE.stored()).append("attempts", job.attempts())
                .append("createdAt", job.createdAt() == null ? now : Date.from(job.createdAt()))
                .append("finishedAt", now).append("history", history(job, attempt));
    }

    /**
     * Runs a job's first attempt right away, on the caller's thread of work, instead of queuing it: on success only
     * its record in {@code jobs_done} is written (one insert, where a queued job costs an insert, a claim, a lease,
     * the record and a delete); on failure the job is stored with that attempt in its history, due after the
     * back-off of {@code policy} (or parked), and the workers retry it as any other job. Completes with true when
     * the job was run or stored now, false when a job with this id already exists (queued, parked or finished).
     *
     * <p>Idempotency: outside the first attempt of the job that calls this (the {@link #FIRST_ATTEMPT} context
     * key, set by the workers), the id is looked up first, so the retry of a job that attempted this before does
     * not do it again. Within a first attempt nothing can have done it before, and the look-up is skipped. A crash
     * between the work and its record means the calling job's retry does the work again: at least once, as for a
     * queued job whose worker dies between the work and the record.
     */
    public Mono<Boolean> attemptNow(Job job, JobHandler handler, RetryPolicy policy) {
        return firstAttempt().flatMap(first -> first ? Mono.just(false) : exists(job.id()))
                .flatMap(exists -> exists ? Mono.just(false) : runNow(job, handler, policy));
    }

    private Mono<Boolean> exists(String id) {
        return Mono.from(workerJobs.find(eq("_id", id)).projection(new Document("_id", 1)).first())
                .switchIfEmpty(Mono.defer(() -> Mono.from(workerDone.find(eq("_id", id))
                        .projection(new Document("_id", 1)).first())))
                .hasElement();
    }

    private Mono<Boolean> runNow(Job job, JobHandler handler, RetryPolicy policy) {
        Instant started = clock.instant();
        Job first = new Job(job.id(), job.type(), job.payload() == null ? new Document() : job.payload(),
                Job.Status.RUNNING, 1, started, started, null, null, List.of());
        // the handler's failure is the attempt's outcome; a failure to store the outcome fails the caller
        return Mono.defer(() -> handler.run(first)).defaultIfEmpty("")
                .map(detail -> finished(first, attempt(started, "ok", detail)))
                .onErrorResume(error -> Mono.just(retry(first, attempt(started, "error", describe(error)),
                        error instanceof PermanentJobFailure || policy.exhausted(1), policy)))
                .flatMap(outcome -> Mono.from((Job.Status.DONE.stored().equals(outcome.getString("status"))
                        ? workerDone : workerJobs).insertOne(outcome)))
                .thenReturn(true)
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.just(false));
    }

    /** A job after its failed first attempt: due after the back-off, or parked. */
    private Document retry(Job job, Job.Attempt failed, boolean park, RetryPolicy policy) {
        Instant now = clock.instant();
        Instant runAt = park ? now : now.plus(policy.delayAfter(1, java.util.concurrent.ThreadLocalRandom.current()));
        return new Document("_id", job.id()).append("type", job.type()).append("payload", job.payload())
                .append("status", (park ? Job.Status.PARKED : Job.Status.PENDING).stored()).append("attempts", 1)
                .append("runAt", Date.from(runAt)).append("createdAt", Date.from(job.createdAt()))
                .append("lastError", failed.detail()).append("history", List.of(failed.toDocument()));
    }

    private Job.Attempt attempt(Instant started, String outcome, String detail) {
        return new Job.Attempt(1, started, Duration.between(started, clock.instant()).toMillis(), outcome, detail);
    }

    private static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    /**
     * Records a failed attempt: the job waits for its next attempt with back-off, or is parked when its
     * attempts are used up or the failure is permanent. Completes with the job's new status; a worker that lost
     * its lease meanwhile changes nothing.
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
        return Mono.from(workerJobs.find(eq("_id", job.id())).first())
                .filter(current -> owner.equals(current.getString("leaseOwner"))
                        && current.getInteger("attempts", 0) == job.attempts())
                .flatMap(current -> Mono.from(workerJobs.updateOne(eq("_id", job.id()), update)))
                .thenReturn(status);
    }

    /** Puts a parked job back in the queue with a fresh set of attempts. */
    public Mono<Job> replay(String id) {
        // A new generation gives the replayed attempts claim ids of their own.
        return Mono.from(jobs.find(eq("_id", id)).first())
                .filter(job -> Job.Status.PARKED.stored().equals(job.getString("status")))
                .flatMap(job -> Mono.from(jobs.findOneAndUpdate(eq("_id", id),
                        Updates.combine(Updates.set("status", Job.Status.PENDING.stored()), Updates.set("attempts", 0),
                                Updates.set("generation", job.getInteger("generation", 0) + 1),
                                Updates.set("runAt", Date.from(clock.instant()))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))))
                .map(Job::from)
                .doOnNext(replayed -> offerReady(replayed.id(), clock.instant()))
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
        return Mono.from(done.deleteMany(lt("finishedAt", cutoff))).map(result -> result.getDeletedCount())
                .flatMap(deleted -> Mono.from(claims.deleteMany(lt("createdAt", cutoff))).thenReturn(deleted));
    }

    /** Deletes finished jobs (the delivery log among them) that finished before {@code cutoff}; emits how many. */
    public Mono<Long> pruneFinishedBefore(Instant cutoff) {
        return Mono.from(done.deleteMany(lt("finishedAt", Date.from(cutoff)))).map(result -> result.getDeletedCount());
    }

    /** The id of a job this instance queued, waiting up to {@code interval}; null when none arrived. */
    String nextReady(Duration interval) throws InterruptedException {
        Ready next = ready.poll(interval.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            return null;
        }
        readyIds.remove(next.id());
        return next.id();
    }

    /** Queues the id for this instance's workers unless it is queued already; true when it was not. */
    private boolean offerReady(String id, Instant due) {
        return offerReady(id, due, due);
    }

    /** As {@link #offerReady(String, Instant)}, waiting (for {@link #oldestWait}) from {@code since}. */
    private boolean offerReady(String id, Instant due, Instant since) {
        if (!readyIds.add(id)) {
            return false;
        }
        ready.offer(new Ready(id, due.toEpochMilli(), since.toEpochMilli(), readySequence.incrementAndGet()));
        return true;
    }

    /**
     * A job this instance queued, for its workers in the order of when it became due, then of queuing. Follow-up
     * work (a delivery is due from its event's time) so goes ahead of the events recorded after its own: under a
     * backlog an event's notification waits for the work of earlier events only, not for everything queued since.
     */
    private record Ready(String id, long dueMillis, long sinceMillis, long sequence) implements Comparable<Ready> {

        @Override
        public int compareTo(Ready other) {
            int byDue = Long.compare(dueMillis, other.dueMillis);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }

    /** Jobs this instance queued that its workers have not taken yet. */
    public int backlog() {
        return ready.size();
    }

    /**
     * How long the longest-waiting job this instance queued has been due without being taken (zero when none
     * waits). A follow-up job is due from its event's time, so this is how late the oldest queued work already is;
     * a job found by {@link #scan} waits from when it was found (it may be due long since: recovered after a crash,
     * or another instance's), since that says nothing of how far behind this instance is.
     */
    Duration oldestWait() {
        long since = Long.MAX_VALUE;
        for (Ready queued : ready) { // a snapshot, at most max-backlog entries
            since = Math.min(since, queued.sinceMillis());
        }
        return since == Long.MAX_VALUE ? Duration.ZERO : Duration.ofMillis(Math.max(0, clock.millis() - since));
    }

    /**
     * Records how long a worker spent on one job it took (claim, run, outcome): the workers' pace, measured while
     * they work, so it says what they can drain whether or not they were busy before (jobs taken per second
     * would say how much work came, when the queue ran empty).
     */
    void served(Duration spent) {
        double seconds = Math.max(1e-4, spent.toNanos() / 1e9);
        serviceSeconds.updateAndGet(bits -> {
            double mean = Double.longBitsToDouble(bits);
            return Double.doubleToRawLongBits(mean == 0 ? seconds : mean + SERVICE_WEIGHT * (seconds - mean));
        });
    }

    /**
     * Jobs per second this instance's workers get through while busy ({@code workers} over their mean time per
     * job, recent jobs weighing most); 0 before any job was served.
     */
    double pace() {
        double mean = Double.longBitsToDouble(serviceSeconds.get());
        return mean == 0 ? 0 : properties.workers() / mean;
    }

    private static List<Document> history(Job job, Job.Attempt attempt) {
        List<Document> history = new ArrayList<>(job.history().stream().map(Job.Attempt::toDocument).toList());
        history.add(attempt.toDocument());
        return history.size() > MAX_HISTORY ? history.subList(history.size() - MAX_HISTORY, history.size()) : history;
    }
}
