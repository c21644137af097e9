package dev.covenant.client;

/**
 * A call to the registry that did not succeed. The message says what happened and what to do about it, in one
 * line, fit to print to a CI log.
 */
public final class RegistryException extends RuntimeException {

    /** What kind of failure, so callers (the CLI's exit codes) can tell them apart. */
    public enum Kind {
        /** Not reachable, timed out, or kept answering 5xx/429 through every attempt. */
        UNREACHABLE,
        /** 401 or 403: missing, wrong or insufficient credentials. */
        UNAUTHORIZED,
        /** 404: the application, version, environment or team does not exist. */
        NOT_FOUND,
        /** 409: different content for something already published, or a policy refusing the change. */
        CONFLICT,
        /** 400, 413, 422: the registry refused the input (invalid document, missing field, too large). */
        INVALID,
        /** Any other answer the client did not expect. */
        UNEXPECTED
    }

    private final Kind kind;
    private final int status;
    private final String requestId;

    public RegistryException(Kind kind, int status, String message, String requestId) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.requestId = requestId;
    }

    public Kind kind() {
        return kind;
    }

    /** The last HTTP status, 0 when there was no response. */
    public int status() {
        return status;
    }

    /** The registry's request id for the failed request, if it sent one (quote it in a bug report). */
    public String requestId() {
        return requestId;
    }
}
