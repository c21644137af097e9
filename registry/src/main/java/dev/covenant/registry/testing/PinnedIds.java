package dev.covenant.registry.testing;

import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.util.IdGenerator;

/** Hands out pinned ids first (in order), then generated ones: how a state gives a record a known uuid. */
final class PinnedIds implements IdGenerator {

    private final IdGenerator generated;
    private final Queue<UUID> pinned = new ConcurrentLinkedQueue<>();

    PinnedIds(IdGenerator generated) {
        this.generated = generated;
    }

    /** The next record created gets this id. */
    void pinNext(String uuid) {
        pinned.add(UUID.fromString(uuid));
    }

    void clear() {
        pinned.clear();
    }

    @Override
    public UUID generateId() {
        UUID next = pinned.poll();
        return next != null ? next : generated.generateId();
    }
}
