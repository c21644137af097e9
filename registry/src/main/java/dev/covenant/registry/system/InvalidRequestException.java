package dev.covenant.registry.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The request is malformed; {@link #errors()} maps each offending field to its messages. */
public class InvalidRequestException extends RuntimeException {

    private final transient Map<String, List<String>> errors;

    public InvalidRequestException(Map<String, List<String>> errors) {
        super(summary(errors));
        this.errors = new LinkedHashMap<>(errors);
    }

    public InvalidRequestException(String field, String message) {
        this(Map.of(field, List.of(message)));
    }

    public Map<String, List<String>> errors() {
        return errors;
    }

    private static String summary(Map<String, List<String>> errors) {
        StringBuilder text = new StringBuilder();
        errors.forEach((field, messages) -> messages.forEach(message -> {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(field).append(": ").append(message);
        }));
        return text.toString();
    }
}
