package dev.covenant.registry.system;

import java.util.Map;

/** The request contradicts what is already stored (or a rule set for it); nothing was changed. */
public class ConflictException extends RuntimeException {

    private final String field;
    private final String problemType;
    private final transient Map<String, Object> extensions;

    public ConflictException(String field, String message) {
        this(field, message, "conflict", Map.of());
    }

    /**
     * A conflict with its own problem type slug (e.g. {@code policy-violation}) and extension members for the
     * problem body (e.g. {@code violations}).
     */
    public ConflictException(String field, String message, String problemType, Map<String, Object> extensions) {
        super(message);
        this.field = field;
        this.problemType = problemType;
        this.extensions = Map.copyOf(extensions);
    }

    public String field() {
        return field;
    }

    public String problemType() {
        return problemType;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
