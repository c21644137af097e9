package dev.covenant.registry.notifications;

import dev.covenant.registry.events.Job;
import dev.covenant.registry.events.JobQueue;
import dev.covenant.registry.events.JobsProperties;
import dev.covenant.registry.events.RetryPolicy;
import dev.covenant.registry.system.ConflictException;
import dev.covenant.registry.system.Links;
import dev.covenant.registry.system.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The delivery log: queued, delivered and parked notifications, each a {@code webhook.delivery} job. */
@Service
public class Deliveries {

    static final int MAX_LISTED = 500;

    private final JobQueue jobs;
    private final DeliveryHandler sender;
    private final RetryPolicy retries;

    Deliveries(JobQueue jobs, DeliveryHandler sender, JobsProperties defaults) {
        this.jobs = jobs;
        this.sender = sender;
        this.retries = sender.retryPolicy() != null ? sender.retryPolicy() : defaults.retryPolicy();
    }

    /**
     * Sends a delivery now, from the event's job, unless the same (subscription, event) pair was handled before;
     * true when it was sent or queued now. Delivered, it costs one record in the delivery log; failed, it is queued
     * as a {@code webhook.delivery} job with the attempt in its history, retried with back-off and then parked, as
     * if it had been queued first (docs/adr/0035-pipeline-claimed-at-insert-and-inline-deliveries.md).
     */
    public Mono<Boolean> deliver(Delivery delivery) {
        return jobs.attemptNow(Job.of(delivery.jobId(), Delivery.JOB_TYPE, delivery.toDocument()), sender, retries);
    }

    /** Deliveries with a status (pending includes those being sent), optionally of one team, newest first. */
    Flux<Job> list(String status, String team, int limit) {
        List<Job.Status> statuses = switch (status == null ? "" : status) {
            case "parked" -> List.of(Job.Status.PARKED);
            case "delivered" -> List.of(Job.Status.DONE);
            case "pending" -> List.of(Job.Status.PENDING, Job.Status.RUNNING);
            case "" -> List.of(Job.Status.PENDING, Job.Status.RUNNING, Job.Status.PARKED, Job.Status.DONE);
            default -> throw new dev.covenant.registry.system.InvalidRequestException("status",
                    "status must be one of parked, delivered, pending");
        };
        return Flux.fromIterable(statuses)
                .concatMap(one -> jobs.list(Delivery.JOB_TYPE, one, MAX_LISTED))
                .filter(job -> team == null || Objects.equals(team, job.payload().getString("team")))
                .take(limit);
    }

    /**
     * Deliveries as {@code GET /notifications/deliveries} lists them (links relative to the registry), newest first
     * within each status: for in-process readers such as the UI. A null status means every delivery.
     */
    public Flux<Map<String, Object>> views(String status, int limit) {
        Links links = Links.ofBase("");
        return list(status, null, Math.max(1, Math.min(limit, MAX_LISTED)))
                .map(job -> DeliveryController.view(links, job, false));
    }

    /** Sends a parked delivery again; true when it was parked and is queued now, false when not found or not parked. */
    public Mono<Boolean> replayParked(String id) {
        return replay(id).map(job -> true)
                .onErrorResume(e -> e instanceof NotFoundException || e instanceof ConflictException,
                        e -> Mono.just(false))
                .defaultIfEmpty(false);
    }

    Mono<Job> find(String id) {
        return jobs.find(id)
                .filter(job -> Delivery.JOB_TYPE.equals(job.type()))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No delivery '" + id + "'")));
    }

    Mono<Job> replay(String id) {
        return find(id).then(jobs.replay(id));
    }
}
