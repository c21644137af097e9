package dev.covenant.registry.ui.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Why a verification failed, read from the {@code testResults} the verifier published (Pact Broker shape:
 * {@code [{interactionId, interactionDescription, success, mismatches: [{attribute, identifier, description}],
 * exceptions: [{message}]}]}, as pact-jvm and the pact CLI send it). Anything else is ignored, not trusted.
 */
final class VerificationReasons {

    /** Reasons shown per verification; a verifier may send thousands. */
    static final int MAX_REASONS = 20;
    /** Characters kept of one published text. */
    static final int MAX_TEXT = 500;

    /**
     * One thing that went wrong.
     *
     * @param interaction the interaction's description (or id), null when the verifier named none
     * @param where       what differed: attribute and path ("body $.name"), null for an exception
     * @param what        the verifier's own words
     */
    record Reason(String interaction, String where, String what) {
    }

    private VerificationReasons() {
    }

    static List<Reason> of(List<Object> testResults) {
        List<Reason> reasons = new ArrayList<>();
        if (testResults == null) {
            return reasons;
        }
        for (Object result : testResults) {
            if (!(result instanceof Map<?, ?> map) || Boolean.TRUE.equals(map.get("success"))) {
                continue;
            }
            String interaction = text(map.get("interactionDescription"));
            if (interaction == null) {
                interaction = text(map.get("interactionId"));
            }
            int before = reasons.size();
            for (Object mismatch : list(map.get("mismatches"))) {
                if (mismatch instanceof Map<?, ?> m) {
                    String where = join(text(m.get("attribute")), text(m.get("identifier")));
                    String what = text(m.get("description"));
                    add(reasons, new Reason(interaction, where, what == null ? text(m.get("mismatch")) : what));
                }
            }
            for (Object exception : list(map.get("exceptions"))) {
                if (exception instanceof Map<?, ?> e) {
                    add(reasons, new Reason(interaction, null, text(e.get("message"))));
                }
            }
            if (reasons.size() == before && Boolean.FALSE.equals(map.get("success"))) {
                add(reasons, new Reason(interaction, null, "failed (the verifier published no details)"));
            }
        }
        return reasons;
    }

    private static void add(List<Reason> reasons, Reason reason) {
        if (reasons.size() < MAX_REASONS && (reason.where() != null || reason.what() != null)) {
            reasons.add(reason);
        }
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static String join(String attribute, String identifier) {
        if (attribute == null) {
            return identifier;
        }
        return identifier == null ? attribute : attribute + " " + identifier;
    }

    private static String text(Object value) {
        if (!(value instanceof String || value instanceof Number)) {
            return null;
        }
        String text = String.valueOf(value).strip();
        if (text.isEmpty()) {
            return null;
        }
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    }
}
