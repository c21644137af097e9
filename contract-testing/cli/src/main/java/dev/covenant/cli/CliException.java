package dev.covenant.cli;

/** A failure the user should read as one line, with the exit code it maps to (see README). */
final class CliException extends RuntimeException {

    static final int FINDINGS = 1;
    static final int USAGE = 2;
    static final int INVALID_INPUT = 3;
    static final int IO = 4;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
