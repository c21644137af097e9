package dev.covenant.contract.pact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads pact files (specification V1 to V4) into {@link Pact}s, and hashes them for content addressing.
 *
 * <p>Input is an already bounded tree (see {@link OpenApiDocuments#readTree}); nothing here does I/O.
 */
public final class Pacts {

    /** Interaction members that never change what a provider must do: ids, comments, display markup. */
    private static final Set<String> NOISE = Set.of("_id", "comments", "interactionMarkup");

    private Pacts() {
    }

    /** Parses a pact tree; throws {@link InvalidPactException} when it is not a usable pact. */
    public static Pact parse(JsonNode pact) {
        if (pact == null || !pact.isObject()) {
            throw new InvalidPactException("a pact must be a JSON object");
        }
        String consumer = name(pact, "consumer");
        String provider = name(pact, "provider");
        PactSpecification specification = PactSpecification.of(specificationVersion(pact));
        List<Interaction> interactions = new ArrayList<>();
        JsonNode http = pact.get("interactions");
        if (http != null && !http.isNull()) {
            if (!http.isArray()) {
                throw new InvalidPactException("'interactions' must be an array");
            }
            for (int i = 0; i < http.size(); i++) {
                interactions.add(PactInteractions.read(http.get(i), i, "interactions"));
            }
        }
        JsonNode messages = pact.get("messages");
        if (messages != null && !messages.isNull()) {
            if (!messages.isArray()) {
                throw new InvalidPactException("'messages' must be an array");
            }
            for (int i = 0; i < messages.size(); i++) {
                JsonNode message = messages.get(i);
                interactions.add(new MessageInteraction(i, message.path("description").asText(""),
                        PactInteractions.id(message), "Asynchronous/Messages"));
            }
        }
        return new Pact(consumer, provider, specification, interactions);
    }

    /**
     * SHA-256 (hex) of everything that affects verification: consumer and provider names, specification
     * version and the interactions in a canonical order, without ids, comments and top-level metadata. Two
     * publications of the same contract by different tool versions hash the same.
     */
    public static String verificationHash(JsonNode pact) {
        Pact parsed = parse(pact);
        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        canonical.put("consumer", parsed.consumer());
        canonical.put("provider", parsed.provider());
        canonical.put("specification", parsed.specification().name());
        for (String field : List.of("interactions", "messages")) {
            JsonNode items = pact.get(field);
            if (items == null || !items.isArray()) {
                continue;
            }
            List<String> sorted = new ArrayList<>();
            for (JsonNode item : items) {
                sorted.add(new String(OpenApiDocuments.canonicalJson(withoutNoise(item)), StandardCharsets.UTF_8));
            }
            sorted.sort(null);
            ArrayNode array = canonical.putArray(field);
            sorted.forEach(array::add);
        }
        return OpenApiDocuments.sha256(OpenApiDocuments.canonicalJson(canonical));
    }

    /** Stable SHA-256 (hex) of one interaction, ignoring its {@code _id}, comments and markup. */
    public static String interactionId(JsonNode interaction) {
        return OpenApiDocuments.sha256(OpenApiDocuments.canonicalJson(withoutNoise(interaction)));
    }

    /** Decodes a V2 query string ({@code a=1&b=2&a=3}) into names with all their values, in order. */
    public static Map<String, List<String>> parseQueryString(String query) {
        return PactInteractions.parseQueryString(query);
    }

    private static JsonNode withoutNoise(JsonNode interaction) {
        if (!interaction.isObject()) {
            return interaction;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = interaction.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!NOISE.contains(field.getKey())) {
                copy.set(field.getKey(), field.getValue());
            }
        }
        return copy;
    }

    private static String name(JsonNode pact, String role) {
        JsonNode name = pact.path(role).path("name");
        if (!name.isTextual() || name.asText().isBlank()) {
            throw new InvalidPactException("the pact has no " + role + " name ('" + role + ".name')");
        }
        return name.asText();
    }

    private static String specificationVersion(JsonNode pact) {
        JsonNode metadata = pact.path("metadata");
        for (String key : List.of("pactSpecification", "pact-specification")) {
            JsonNode version = metadata.path(key).path("version");
            if (version.isValueNode()) {
                return version.asText();
            }
        }
        JsonNode old = metadata.path("pactSpecificationVersion");
        return old.isValueNode() ? old.asText() : null;
    }
}
