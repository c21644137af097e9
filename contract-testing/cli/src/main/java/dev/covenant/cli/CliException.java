package dev.covenant.cli;

/** A failure the user should read as one line, with the exit code it maps to (see README). */
final class CliException extends RuntimeException {

    static final int FINDINGS = 1;
    static final int USAGE = 2;
    static final int INVALID_INPUT = 3;
    static final int IO = 4;
    /** The registry could not be reached, timed out, or failed (5xx, 429) through every attempt. */
    static final int REGISTRY = 5;
    /** The registry refused: credentials (401/403), unknown names (404), conflicting content (409). */
    static final int REFUSED = 6;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
