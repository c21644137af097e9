package dev.covenant.registry.checks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change to a document that the application's policy forbids: a breaking finding (level ERR) against one of the
 * earlier documents the policy compares with.
 *
 * @param direction   which way compatibility broke ({@code BACKWARD} or {@code FORWARD})
 * @param baseVersion the version of the earlier document it breaks
 */
public record PolicyViolation(String ruleId, String level, String operation, String message, String fingerprint,
        String direction, String baseVersion) {

    /** The violation as reports and 409 problems show it (and as stored with a report). */
    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("ruleId", ruleId);
        view.put("level", level);
        view.put("operation", operation);
        view.put("message", message);
        view.put("fingerprint", fingerprint);
        view.put("direction", direction);
        view.put("baseVersion", baseVersion);
        return view;
    }
}
