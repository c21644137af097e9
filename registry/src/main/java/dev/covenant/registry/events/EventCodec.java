package dev.covenant.registry.events;

import dev.covenant.registry.events.Audience.Concern;
import dev.covenant.registry.events.EventPayload.CompatibilityChecked;
import dev.covenant.registry.events.EventPayload.ContractPublished;
import dev.covenant.registry.events.EventPayload.DeploymentEnded;
import dev.covenant.registry.events.EventPayload.DeploymentRecorded;
import dev.covenant.registry.events.EventPayload.PactPublished;
import dev.covenant.registry.events.EventPayload.ProposalChanged;
import dev.covenant.registry.events.EventPayload.ReleaseRecorded;
import dev.covenant.registry.events.EventPayload.ReleaseSupportEnded;
import dev.covenant.registry.events.EventPayload.VerificationPublished;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The storage edge of event payloads: each kind to the {@code attributes} document stored with its event, and back.
 * The stored field names are the ones events have always had (webhook receivers see them too), and the reader
 * accepts every shape a store may still hold: the first {@code compatibility.checked} events named their audience
 * {@code affectedConsumers} ({@code consumer}, {@code team}, {@code failures}); flags were once written as text.
 */
public final class EventCodec {

    private EventCodec() {
    }

    /** The payload as its stored {@code attributes} document (absent values left out). */
    public static Document toDocument(EventPayload payload) {
        Document attributes = new Document();
        if (payload instanceof ContractPublished contract) {
            put(attributes, "sha", contract.sha())
                    .put(attributes, "branch", contract.branch())
                    .put(attributes, "tags", contract.tags());
        } else if (payload instanceof PactPublished pact) {
            put(attributes, "provider", pact.provider())
                    .put(attributes, "sha", pact.sha())
                    .put(attributes, "branch", pact.branch())
                    .put(attributes, "tags", pact.tags())
                    .put(attributes, "contentChanged", pact.contentChanged());
        } else if (payload instanceof VerificationPublished verification) {
            put(attributes, "consumer", verification.consumer())
                    .put(attributes, "pactSha", verification.pactSha())
                    .put(attributes, "success", verification.success())
                    .put(attributes, "verificationNumber", verification.verificationNumber())
                    .put(attributes, "branches", verification.branches())
                    .put(attributes, "buildUrl", verification.buildUrl());
        } else if (payload instanceof DeploymentRecorded deployment) {
            put(attributes, "environment", deployment.environment())
                    .put(attributes, "environmentUuid", deployment.environmentUuid())
                    .put(attributes, "instance", deployment.instance());
        } else if (payload instanceof ReleaseRecorded release) {
            put(attributes, "environment", release.environment())
                    .put(attributes, "environmentUuid", release.environmentUuid());
        } else if (payload instanceof DeploymentEnded ended) {
            put(attributes, "environment", ended.environment())
                    .put(attributes, "environmentUuid", ended.environmentUuid())
                    .put(attributes, "instance", ended.instance());
        } else if (payload instanceof ReleaseSupportEnded ended) {
            put(attributes, "environment", ended.environment())
                    .put(attributes, "environmentUuid", ended.environmentUuid());
        } else if (payload instanceof CompatibilityChecked checked) {
            put(attributes, "reportId", checked.reportId())
                    .put(attributes, "compatible", checked.compatible())
                    .put(attributes, "trigger", checked.trigger())
                    .put(attributes, "summary", checked.summary())
                    .put(attributes, "reportPath", checked.reportPath())
                    .put(attributes, "audience", audienceToDocuments(checked.audience()));
        } else if (payload instanceof ProposalChanged proposal) {
            put(attributes, "proposalId", proposal.proposalId())
                    .put(attributes, "title", proposal.title())
                    .put(attributes, "revision", proposal.revision())
                    .put(attributes, "status", proposal.status())
                    .put(attributes, "proposingTeam", proposal.proposingTeam())
                    .put(attributes, "summary", proposal.summary())
                    .put(attributes, "reportPath", proposal.reportPath())
                    .put(attributes, "audience", audienceToDocuments(proposal.audience()))
                    .put(attributes, "team", proposal.reviewer())
                    .put(attributes, "decision", proposal.decision());
        }
        return attributes;
    }

    /** The payload of a stored event of the given type, from its {@code attributes} document (null: none). */
    public static EventPayload fromDocument(String type, Map<String, Object> stored) {
        Map<String, Object> attributes = stored == null ? Map.of() : stored;
        return switch (type) {
            case EventTypes.CONTRACT_PUBLISHED -> new ContractPublished(text(attributes, "sha"),
                    text(attributes, "branch"), texts(attributes.get("tags")));
            case EventTypes.PACT_PUBLISHED -> new PactPublished(text(attributes, "provider"), text(attributes, "sha"),
                    text(attributes, "branch"), texts(attributes.get("tags")),
                    flag(attributes.get("contentChanged"), true));
            case EventTypes.VERIFICATION_PUBLISHED -> new VerificationPublished(text(attributes, "consumer"),
                    text(attributes, "pactSha"), flag(attributes.get("success"), false),
                    number(attributes.get("verificationNumber")), texts(attributes.get("branches")),
                    text(attributes, "buildUrl"));
            case EventTypes.DEPLOYMENT_RECORDED -> new DeploymentRecorded(text(attributes, "environment"),
                    text(attributes, "environmentUuid"), text(attributes, "instance"));
            case EventTypes.RELEASE_RECORDED -> new ReleaseRecorded(text(attributes, "environment"),
                    text(attributes, "environmentUuid"));
            case EventTypes.DEPLOYMENT_ENDED -> new DeploymentEnded(text(attributes, "environment"),
                    text(attributes, "environmentUuid"), text(attributes, "instance"));
            case EventTypes.RELEASE_SUPPORT_ENDED -> new ReleaseSupportEnded(text(attributes, "environment"),
                    text(attributes, "environmentUuid"));
            case EventTypes.COMPATIBILITY_CHECKED -> new CompatibilityChecked(text(attributes, "reportId"),
                    flag(attributes.get("compatible"), false), text(attributes, "trigger"),
                    text(attributes, "summary"), text(attributes, "reportPath"), checkedAudience(attributes));
            default -> type.startsWith("proposal.")
                    ? new ProposalChanged(type, text(attributes, "proposalId"), text(attributes, "title"),
                            numberOr(attributes.get("revision"), 0), text(attributes, "status"),
                            text(attributes, "proposingTeam"), text(attributes, "summary"),
                            text(attributes, "reportPath"), audienceFromDocuments(attributes.get("audience")),
                            text(attributes, "team"), text(attributes, "decision"))
                    : new EventPayload.Unrecognised(type);
        };
    }

    /** An audience as stored (in events, and with the compatibility report that names it). */
    public static List<Document> audienceToDocuments(List<Audience> audience) {
        return audience.stream().map(EventCodec::audienceToDocument).toList();
    }

    /** An audience as stored; anything that is not a list of documents reads as nobody. */
    public static List<Audience> audienceFromDocuments(Object stored) {
        List<Audience> audience = new ArrayList<>();
        for (Map<String, Object> entry : maps(stored)) {
            audience.add(new Audience(text(entry, "application"), text(entry, "team"), text(entry, "role"),
                    concerns(entry.get("failures"))));
        }
        return audience;
    }

    /** The audience, or the first shape of it: {@code affectedConsumers}, each a consumer in the consumer role. */
    private static List<Audience> checkedAudience(Map<String, Object> attributes) {
        if (attributes.containsKey("audience")) {
            return audienceFromDocuments(attributes.get("audience"));
        }
        List<Audience> audience = new ArrayList<>();
        for (Map<String, Object> entry : maps(attributes.get("affectedConsumers"))) {
            audience.add(new Audience(text(entry, "consumer"), text(entry, "team"), "consumer",
                    concerns(entry.get("failures"))));
        }
        return audience;
    }

    private static Document audienceToDocument(Audience audience) {
        Document entry = new Document();
        put(entry, "application", audience.application())
                .put(entry, "team", audience.team())
                .put(entry, "role", audience.role())
                .put(entry, "failures", audience.failures().stream().map(EventCodec::concernToDocument).toList());
        return entry;
    }

    private static Document concernToDocument(Concern concern) {
        Document view = new Document();
        put(view, "interaction", concern.interaction())
                .put(view, "operation", concern.operation())
                .put(view, "field", concern.field())
                .put(view, "code", concern.code())
                .put(view, "ruleId", concern.ruleId())
                .put(view, "message", concern.message())
                .put(view, "fingerprint", concern.fingerprint());
        return view;
    }

    private static List<Concern> concerns(Object stored) {
        return maps(stored).stream()
                .map(failure -> new Concern(text(failure, "interaction"), text(failure, "operation"),
                        text(failure, "field"), text(failure, "code"), text(failure, "ruleId"),
                        text(failure, "message"), text(failure, "fingerprint")))
                .toList();
    }

    private static List<Map<String, Object>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> map) {
                Map<String, Object> entries = new java.util.LinkedHashMap<>();
                map.forEach((key, entry) -> entries.put(String.valueOf(key), entry));
                maps.add(entries);
            }
        }
        return maps;
    }

    private static List<String> texts(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(java.util.Objects::nonNull).map(Object::toString).toList();
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    /** A flag stored as a boolean, or as text by older versions; absent means the default. */
    private static boolean flag(Object value, boolean absent) {
        if (value == null) {
            return absent;
        }
        return value instanceof Boolean bool ? bool : Boolean.parseBoolean(value.toString().trim());
    }

    private static Long number(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value != null) {
            try {
                return Long.valueOf(value.toString().trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    private static int numberOr(Object value, int absent) {
        Long number = number(value);
        return number == null ? absent : number.intValue();
    }

    /** Appends a present value, fluently. */
    private static Appender put(Document document, String name, Object value) {
        return Appender.INSTANCE.put(document, name, value);
    }

    private enum Appender {
        INSTANCE;

        Appender put(Document document, String name, Object value) {
            if (value != null) {
                document.append(name, value);
            }
            return this;
        }
    }
}
