package dev.covenant.registry.checks;

import dev.covenant.registry.events.Audience;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * One way a pact interaction does not hold against a document (an openapi-pact-comparator error).
 *
 * @param interaction the interaction's description
 * @param operation   the document operation it routes to ({@code GET /items/{id}}), or null when none does
 * @param request     the interaction's request as written ({@code GET /items/42})
 * @param field       the body field, parameter or header concerned ({@code quantity}, {@code item.quantity},
 *                    {@code request.query.limit}), or null
 * @param code        the comparator code ({@code response.body.incompatible})
 * @param pointer     where in the pact ({@code [root].interactions[0].response.body})
 * @param ruleId      the oasdiff rule id of the document change that broke it, when known
 */
public record Failure(String interaction, String operation, String request, String field, String code, String pointer,
        String message, String ruleId) {

    /** Failures listed per pact or consumer in reports and events; the rest are counted, not listed. */
    static final int MAX_LISTED = 100;

    /** Two failures are the same finding whatever the document version (for "new since the base"). */
    String key() {
        return interaction + "\u0000" + code + "\u0000" + pointer + "\u0000" + message;
    }

    Failure withOperation(String routed) {
        return new Failure(interaction, routed, request, field, code, pointer, message, ruleId);
    }

    Failure withRuleId(String rule) {
        return new Failure(interaction, operation, request, field, code, pointer, message, rule);
    }

    /** The operation, or the request as written when it routes to none. */
    public String operationOrRequest() {
        return operation != null ? operation : request;
    }

    /** The failure as it concerns a team in an event's audience. */
    Audience.Concern concern() {
        return new Audience.Concern(interaction, operationOrRequest(), field, code, ruleId, message, null);
    }

    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("interaction", interaction);
        view.put("operation", operationOrRequest());
        view.put("field", field);
        view.put("code", code);
        view.put("pointer", pointer);
        view.put("message", message);
        view.put("ruleId", ruleId);
        return view;
    }

    Document toDocument() {
        return new Document("interaction", interaction).append("operation", operation).append("request", request)
                .append("field", field).append("code", code).append("pointer", pointer).append("message", message)
                .append("ruleId", ruleId);
    }

    static Failure from(Document document) {
        return new Failure(document.getString("interaction"), document.getString("operation"),
                document.getString("request"), document.getString("field"), document.getString("code"),
                document.getString("pointer"), document.getString("message"), document.getString("ruleId"));
    }
}
