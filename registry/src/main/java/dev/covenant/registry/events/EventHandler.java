package dev.covenant.registry.events;

import reactor.core.publisher.Mono;

/**
 * Reacts to every recorded event, once per event across all instances (a durable job per event and handler).
 * Must be idempotent: after a crash the same event is handled again.
 */
public interface EventHandler {

    /** A stable name; it is part of the job ids, so renaming a handler re-runs it for queued events. */
    String name();

    /** Handles the event; completes with a short note for the attempt log (may be empty). */
    Mono<String> handle(Event event);

    /** Null means the registry's default ({@code covenant.jobs.*}). */
    default RetryPolicy retryPolicy() {
        return null;
    }
}
