package dev.covenant.registry.notifications;

import dev.covenant.registry.events.Audience;
import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventPayload;
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
        if (event.payload() instanceof EventPayload.CompatibilityChecked checked) {
            body.put("compatible", checked.compatible());
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

    private static Map<String, Object> failureView(Audience.Concern failure) {
        Map<String, Object> view = new LinkedHashMap<>();
        putPresent(view, "operation", failure.operation());
        putPresent(view, "field", failure.field());
        putPresent(view, "ruleId", failure.ruleId());
        putPresent(view, "code", failure.code());
        putPresent(view, "message", failure.message());
        putPresent(view, "interaction", failure.interaction());
        putPresent(view, "fingerprint", failure.fingerprint());
        return view;
    }

    private static void putPresent(Map<String, Object> view, String key, String value) {
        if (value != null) {
            view.put(key, value);
        }
    }

    /**
     * The delivery's line for people: {@code "orders team — inventory-service 2.0.0 breaks GET /items/{id} `name`"}
     * for a breaking change (its first failure for this team, and how many more), else the team and the summary.
     */
    String headline(String team, Event event, List<Audience> affected) {
        String who = team + " team — ";
        List<Audience.Concern> failures = affected.stream().flatMap(entry -> entry.failures().stream()).toList();
        if (!(event.payload() instanceof EventPayload.CompatibilityChecked) || failures.isEmpty()) {
            return who + summary(event);
        }
        Audience.Concern first = failures.get(0);
        String operation = first.operation();
        String field = first.field();
        String breaks = (operation == null ? "an interaction" : operation)
                + (field == null ? "" : " `" + field + "`");
        int more = failures.size() - 1;
        return who + event.application() + (event.version() == null ? "" : " " + event.version()) + " breaks "
                + breaks + (more == 0 ? "" : " and " + more + " more");
    }

    String summary(Event event) {
        EventPayload payload = event.payload();
        if (payload.summary() != null) {
            return payload.summary();
        }
        String subject = event.application() + (event.version() == null ? "" : " " + event.version());
        if (payload instanceof EventPayload.CompatibilityChecked checked) {
            return checked.compatible() ? "Change to " + subject + " is compatible" : "Incompatible change to " + subject;
        } else if (payload instanceof EventPayload.PactPublished pact) {
            return "Pact published by " + subject + " for " + pact.provider();
        } else if (payload instanceof EventPayload.VerificationPublished verification) {
            return "Verification of " + verification.consumer() + "'s pact by " + subject
                    + (verification.success() ? " passed" : " failed");
        } else if (payload instanceof EventPayload.ContractPublished) {
            return "OpenAPI document published for " + subject;
        } else if (payload instanceof EventPayload.DeploymentRecorded deployment) {
            return subject + " deployed to " + deployment.environment();
        } else if (payload instanceof EventPayload.ReleaseRecorded release) {
            return subject + " released to " + release.environment();
        } else if (payload instanceof EventPayload.DeploymentEnded ended) {
            return subject + " no longer deployed to " + ended.environment();
        } else if (payload instanceof EventPayload.ReleaseSupportEnded ended) {
            return "Support for " + subject + " in " + ended.environment() + " ended";
        }
        return event.type() + " for " + subject;
    }

    String reportUrl(Event event) {
        Links links = publicUrl.links();
        String path = null;
        String id = null;
        if (event.payload() instanceof EventPayload.CompatibilityChecked checked) {
            path = checked.reportPath();
            id = checked.reportId();
        } else if (event.payload() instanceof EventPayload.ProposalChanged proposal) {
            path = proposal.reportPath();
        }
        if (path != null) {
            return links.raw(path.startsWith("/") ? path : "/" + path);
        }
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
            for (Audience.Concern failure : audience.failures()) {
                if (shown++ == MAX_SLACK_FAILURES) {
                    text.append("\n• … and ").append(audience.failures().size() - MAX_SLACK_FAILURES).append(" more");
                    break;
                }
                text.append("\n• ").append(orDash(failure.operation()));
                if (failure.field() != null) {
                    text.append(" field `").append(failure.field()).append('`');
                }
                Object rule = failure.ruleId() != null ? failure.ruleId() : failure.code();
                if (rule != null) {
                    text.append(" [").append(rule).append(']');
                }
                if (failure.message() != null) {
                    text.append(": ").append(failure.message());
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
