package dev.covenant.registry.notifications;

import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventTypes;
import dev.covenant.registry.system.Links;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders the message a team receives: what changed, who is affected (the team's own applications), why (each
 * failure's operation, field, rule id and message) and a link to the report — as generic JSON or as Slack text.
 */
@Component
class Messages {

    static final int MAX_SLACK_FAILURES = 20;

    private final JsonMapper json;
    private final PublicUrl publicUrl;

    Messages(JsonMapper json, PublicUrl publicUrl) {
        this.json = json;
        this.publicUrl = publicUrl;
    }

    OutboundRequest render(Subscription subscription, Event event, List<Audience> affected) {
        Map<String, Object> body = subscription.format() == Subscription.Format.SLACK
                ? Map.of("text", slackText(event, affected))
                : generic(event, affected);
        return new OutboundRequest("POST", subscription.url(),
                Map.of("Content-Type", "application/json", "User-Agent", "Covenant-Notifications",
                        "X-Covenant-Event", event.type(), "X-Covenant-Delivery", subscription.id() + ":" + event.id()),
                json.writeValueAsString(body));
    }

    private Map<String, Object> generic(Event event, List<Audience> affected) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type());
        body.put("summary", summary(event));
        body.put("application", event.application());
        body.put("version", event.version());
        if (event.attributes().containsKey("compatible")) {
            body.put("compatible", event.attributes().get("compatible"));
        }
        body.put("affected", affected.stream().map(Messages::affectedView).toList());
        String report = reportUrl(event);
        if (report != null) {
            body.put(event.type().startsWith("proposal.") ? "proposalUrl" : "reportUrl", report);
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("id", event.id());
        raw.put("sequence", event.sequence());
        raw.put("type", event.type());
        raw.put("application", event.application());
        raw.put("version", event.version());
        raw.put("createdAt", String.valueOf(event.createdAt()));
        raw.put("attributes", event.attributes());
        body.put("event", raw);
        return body;
    }

    private static Map<String, Object> affectedView(Audience audience) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("application", audience.application());
        if ("consumer".equals(audience.role())) {
            view.put("consumer", audience.application());
        }
        view.put("team", audience.team());
        view.put("role", audience.role());
        view.put("failures", audience.failures().stream().map(Messages::failureView).toList());
        return view;
    }

    private static Map<String, Object> failureView(Map<String, Object> failure) {
        Map<String, Object> view = new LinkedHashMap<>();
        for (String key : List.of("operation", "field", "ruleId", "code", "message", "interaction", "fingerprint")) {
            if (failure.get(key) != null) {
                view.put(key, failure.get(key));
            }
        }
        return view;
    }

    /**
     * The delivery's line for people: {@code "orders team — inventory-service 2.0.0 breaks GET /items/{id} `name`"}
     * for a breaking change (its first failure for this team, and how many more), else the team and the summary.
     */
    String headline(String team, Event event, List<Audience> affected) {
        String who = team + " team — ";
        List<Map<String, Object>> failures = affected.stream().flatMap(entry -> entry.failures().stream()).toList();
        if (!EventTypes.COMPATIBILITY_CHECKED.equals(event.type()) || failures.isEmpty()) {
            return who + summary(event);
        }
        Map<String, Object> first = failures.get(0);
        Object operation = first.get("operation");
        Object field = first.get("field");
        String breaks = (operation == null ? "an interaction" : operation.toString())
                + (field == null ? "" : " `" + field + "`");
        int more = failures.size() - 1;
        return who + event.application() + (event.version() == null ? "" : " " + event.version()) + " breaks "
                + breaks + (more == 0 ? "" : " and " + more + " more");
    }

    String summary(Event event) {
        String summary = event.attribute("summary");
        if (summary != null) {
            return summary;
        }
        String subject = event.application() + (event.version() == null ? "" : " " + event.version());
        return switch (event.type()) {
            case EventTypes.COMPATIBILITY_CHECKED -> Boolean.parseBoolean(event.attribute("compatible"))
                    ? "Change to " + subject + " is compatible" : "Incompatible change to " + subject;
            case EventTypes.PACT_PUBLISHED -> "Pact published by " + subject + " for " + event.attribute("provider");
            case EventTypes.VERIFICATION_PUBLISHED -> "Verification of " + event.attribute("consumer") + "'s pact by "
                    + subject + (Boolean.parseBoolean(event.attribute("success")) ? " passed" : " failed");
            case EventTypes.CONTRACT_PUBLISHED -> "OpenAPI document published for " + subject;
            case EventTypes.DEPLOYMENT_RECORDED -> subject + " deployed to " + event.attribute("environment");
            case EventTypes.RELEASE_RECORDED -> subject + " released to " + event.attribute("environment");
            default -> event.type() + " for " + subject;
        };
    }

    String reportUrl(Event event) {
        Links links = publicUrl.links();
        String path = event.attribute("reportPath");
        if (path != null) {
            return links.raw(path.startsWith("/") ? path : "/" + path);
        }
        String id = event.attribute("reportId");
        return id == null ? null : links.href("compatibility-reports", id);
    }

    private String slackText(Event event, List<Audience> affected) {
        StringBuilder text = new StringBuilder("*").append(summary(event)).append("*");
        for (Audience audience : affected) {
            text.append("\nAffects ").append(audience.application());
            if (audience.role() != null) {
                text.append(" (").append(audience.role()).append(audience.team() == null ? "" : ", team " + audience.team())
                        .append(")");
            }
            int shown = 0;
            for (Map<String, Object> failure : audience.failures()) {
                if (shown++ == MAX_SLACK_FAILURES) {
                    text.append("\n• … and ").append(audience.failures().size() - MAX_SLACK_FAILURES).append(" more");
                    break;
                }
                text.append("\n• ").append(orDash(failure.get("operation")));
                if (failure.get("field") != null) {
                    text.append(" field `").append(failure.get("field")).append('`');
                }
                Object rule = failure.get("ruleId") != null ? failure.get("ruleId") : failure.get("code");
                if (rule != null) {
                    text.append(" [").append(rule).append(']');
                }
                if (failure.get("message") != null) {
                    text.append(": ").append(failure.get("message"));
                }
            }
        }
        String report = reportUrl(event);
        if (report != null) {
            text.append(event.type().startsWith("proposal.") ? "\nProposal: <" : "\nReport: <").append(report).append('>');
        }
        return text.toString();
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
