package dev.covenant.client;

import java.time.Duration;

/** Waits between attempts; tests record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** Thread.sleep, keeping the interrupt flag. */
    Sleeper THREAD = duration -> {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.UNREACHABLE, 0, "interrupted while waiting to retry", null);
        }
    };

    void sleep(Duration duration);
}
