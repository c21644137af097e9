package dev.covenant.registry.events;

/** Thrown by a handler when retrying cannot help (e.g. a refused target address): the job is parked at once. */
public class PermanentJobFailure extends RuntimeException {

    public PermanentJobFailure(String message) {
        super(message);
    }
}
