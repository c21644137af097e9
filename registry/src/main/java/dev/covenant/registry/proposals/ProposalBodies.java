package dev.covenant.registry.proposals;

import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.registry.pacticipants.Pacticipants;
import dev.covenant.registry.proposals.ProposalRequests.Propose;
import dev.covenant.registry.proposals.ProposalRequests.Remark;
import dev.covenant.registry.proposals.ProposalRequests.Review;
import dev.covenant.registry.specs.ProviderContracts;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.JsonBodies;
import dev.covenant.registry.system.PayloadTooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and validates the JSON bodies of the proposal endpoints, reporting every invalid field at once (400);
 * the document itself is validated by the engine (422 with every problem). Requests without an
 * {@code Idempotency-Key} get one derived from their content, so a retried request is recognised.
 */
@Component
class ProposalBodies {

    static final int MAX_TITLE = 300;
    static final int MAX_TEXT = 20_000;
    static final int MAX_REVIEWERS = 50;

    /** A document sent as a JSON string, and the media type it reads as. */
    record SentDocument(byte[] content, String contentType) {
    }

    private final JsonMapper json;
    private final long maxDocumentBytes;

    ProposalBodies(JsonMapper json, ProviderContracts contracts) {
        this.json = json;
        this.maxDocumentBytes = contracts.maxDocumentBytes();
    }

    /** The largest body: a document escaped as a JSON string (at worst 6 bytes per byte) is capped at twice its size. */
    static long maxBody(long maxDocumentBytes) {
        return maxDocumentBytes * 2 + 64 * 1024;
    }

    Propose propose(String application, byte[] body, String key) {
        JsonNode root = JsonBodies.object(json, body);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        check(errors, "application", () -> Pacticipants.requireName("application", application));
        String title = text(root, "title", MAX_TITLE, true, errors);
        String description = text(root, "description", MAX_TEXT, false, errors);
        String baseVersion = name(root, "baseVersion", errors);
        String team = name(root, "team", errors);
        List<String> reviewers = reviewers(root, errors);
        SentDocument document = document(root, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Propose(application, title, description, document.content(), document.contentType(), baseVersion,
                team, reviewers, key);
    }

    SentDocument revision(byte[] body) {
        JsonNode root = JsonBodies.object(json, body);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        SentDocument document = document(root, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return document;
    }

    Review review(byte[] body, String key) {
        JsonNode root = JsonBodies.object(json, body);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String team = name(root, "team", errors);
        String decisionText = text(root, "decision", 40, true, errors);
        Reviewer.Decision decision = null;
        if ("approve".equals(decisionText)) {
            decision = Reviewer.Decision.APPROVED;
        } else if ("request-changes".equals(decisionText)) {
            decision = Reviewer.Decision.CHANGES_REQUESTED;
        } else if (decisionText != null) {
            errors.put("decision", List.of("must be approve or request-changes; got '" + decisionText + "'"));
        }
        String comment = text(root, "comment", MAX_TEXT, false, errors);
        String operation = text(root, "operation", 1000, false, errors);
        String fingerprint = text(root, "fingerprint", 100, false, errors);
        Integer revision = null;
        JsonNode revisionNode = root.get("revision");
        if (revisionNode != null && !revisionNode.isNull()) {
            if (revisionNode.isInt() && revisionNode.asInt() > 0) {
                revision = revisionNode.asInt();
            } else {
                errors.put("revision", List.of("must be a positive whole number"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Review(team, decision, comment, operation, fingerprint, revision, key != null ? "key|" + key
                : derived("review", team, decisionText, String.valueOf(revision), comment, operation, fingerprint));
    }

    Remark remark(byte[] body, String key) {
        JsonNode root = JsonBodies.object(json, body);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String team = name(root, "team", errors);
        String text = text(root, "text", MAX_TEXT, true, errors);
        String operation = text(root, "operation", 1000, false, errors);
        String fingerprint = text(root, "fingerprint", 100, false, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Remark(team, text, operation, fingerprint, key != null ? "key|" + key
                : derived("comment", team, text, operation, fingerprint));
    }

    static Proposal.Status status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Proposal.Status.fromWire(status.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status", "must be open, agreed or withdrawn; got '" + status + "'");
        }
    }

    private SentDocument document(JsonNode root, Map<String, List<String>> errors) {
        String document = string(root, "document", errors);
        if (document == null) {
            errors.putIfAbsent("document", List.of("is required: the OpenAPI document (YAML or JSON) as a string"));
            return new SentDocument(new byte[0], null);
        }
        byte[] content = document.getBytes(StandardCharsets.UTF_8);
        if (content.length > maxDocumentBytes) {
            throw new PayloadTooLargeException(maxDocumentBytes);
        }
        String trimmed = document.stripLeading();
        return new SentDocument(content, trimmed.startsWith("{") ? "application/json" : "application/yaml");
    }

    private static List<String> reviewers(JsonNode root, Map<String, List<String>> errors) {
        JsonNode node = root.get("reviewers");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_REVIEWERS) {
            errors.put("reviewers", List.of("must be an array of at most " + MAX_REVIEWERS + " team names"));
            return List.of();
        }
        List<String> teams = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isString()) {
                errors.put("reviewers", List.of("must contain team names (strings)"));
                return List.of();
            }
            check(errors, "reviewers", () -> Pacticipants.requireName("reviewers", item.asString()));
            if (!teams.contains(item.asString())) {
                teams.add(item.asString());
            }
        }
        return List.copyOf(teams);
    }

    private static String name(JsonNode root, String field, Map<String, List<String>> errors) {
        String value = string(root, field, errors);
        if (value != null) {
            check(errors, field, () -> Pacticipants.requireName(field, value));
        }
        return value;
    }

    private static String text(JsonNode root, String field, int max, boolean required, Map<String, List<String>> errors) {
        String value = string(root, field, errors);
        if (value != null && value.isBlank()) {
            value = null;
        }
        if (value == null && required) {
            errors.putIfAbsent(field, List.of("is required"));
        } else if (value != null && value.length() > max) {
            errors.put(field, List.of("must be at most " + max + " characters"));
        }
        return value;
    }

    private static String string(JsonNode root, String field, Map<String, List<String>> errors) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            errors.put(field, List.of("must be a string"));
            return null;
        }
        return value.asString();
    }

    private static void check(Map<String, List<String>> errors, String field, Runnable validation) {
        try {
            validation.run();
        } catch (InvalidRequestException e) {
            e.errors().values().forEach(messages -> errors.merge(field, messages, ProposalBodies::concat));
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String derived(String kind, String... parts) {
        String joined = kind + "|" + String.join("\u0000", java.util.Arrays.stream(parts).map(String::valueOf).toList());
        return "derived|" + OpenApiDocuments.sha256(joined.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
    }
}
