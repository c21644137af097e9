package dev.covenant.registry.system;

/** The request contradicts what is already stored; nothing was changed. */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
