package dev.covenant.registry.pacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.covenant.contract.openapi.InvalidDocumentException;
import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.pact.InvalidPactException;
import dev.covenant.contract.pact.Pact;
import dev.covenant.contract.pact.Pacts;
import dev.covenant.registry.system.InvalidRequestException;
import java.util.function.Function;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated pact as it will be stored: parsed within limits, names checked, each interaction given its
 * {@code _id} (a hash of the interaction), and the verification hash that addresses its content.
 *
 * @param tree the pact JSON with interaction ids (treat as read-only)
 * @param sha  the verification hash: identical for contents that verify the same
 */
record PactContent(JsonNode tree, Pact pact, String sha) {

    /** A pact as published, read with the engine's pact limits (call from engine work: it is CPU-heavy). */
    static PactContent parse(EngineGateway engine, byte[] json, String field) {
        return parse(json, field, engine.maxPactBytes(), engine::readPactNow);
    }

    /** A pact read back from the store (it passed the pact limits when it was stored). */
    static PactContent stored(EngineGateway engine, byte[] json) {
        return parse(json, "content", Long.MAX_VALUE, engine::readStoredNow);
    }

    private static PactContent parse(byte[] json, String field, long maxBytes, Function<byte[], JsonNode> reader) {
        if (!startsLikeJsonObject(json)) {
            throw new InvalidRequestException(field, "is not valid JSON: a pact is a JSON object");
        }
        JsonNode tree;
        try {
            tree = reader.apply(json);
        } catch (InvalidDocumentException e) {
            if (e.reason() == InvalidDocumentException.Reason.TOO_LARGE) {
                throw new dev.covenant.registry.system.PayloadTooLargeException(maxBytes);
            }
            throw new InvalidRequestException(field, "is not valid JSON: " + e.getMessage());
        }
        if (!tree.isObject()) {
            throw new InvalidRequestException(field, "must be a JSON object (a pact)");
        }
        JsonNode interactions = tree.get("interactions");
        JsonNode messages = tree.get("messages");
        if ((interactions == null || !interactions.isArray()) && (messages == null || !messages.isArray())) {
            throw new InvalidRequestException(field, "the pact has no 'interactions' array");
        }
        try {
            Pact pact = Pacts.parse(tree);
            ObjectNode withIds = ((ObjectNode) tree).deepCopy();
            assignIds(withIds.get("interactions"));
            assignIds(withIds.get("messages"));
            return new PactContent(withIds, pact, Pacts.verificationHash(tree));
        } catch (InvalidPactException e) {
            throw new InvalidRequestException(field, e.getMessage());
        }
    }

    private static boolean startsLikeJsonObject(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }

    private static void assignIds(JsonNode items) {
        if (items instanceof ArrayNode array) {
            for (JsonNode item : array) {
                if (item instanceof ObjectNode interaction) {
                    interaction.put("_id", Pacts.interactionId(interaction));
                }
            }
        }
    }

    /**
     * This pact's interactions added to an existing pact's: an interaction with the same description and
     * provider states replaces nothing — identical ones are kept once, different ones are a conflict.
     */
    PactContent mergeInto(PactContent existing, EngineGateway engine) {
        Map<String, JsonNode> merged = new LinkedHashMap<>();
        for (JsonNode interaction : existing.tree().path("interactions")) {
            merged.put(key(interaction), interaction);
        }
        for (JsonNode interaction : tree.path("interactions")) {
            JsonNode previous = merged.putIfAbsent(key(interaction), interaction);
            if (previous != null && !previous.path("_id").equals(interaction.path("_id"))) {
                throw new dev.covenant.registry.system.ConflictException("contracts",
                        "Cannot merge pacts: the interaction '" + interaction.path("description").asText()
                                + "' has different content in the existing pact");
            }
        }
        ObjectNode result = ((ObjectNode) existing.tree()).deepCopy();
        ArrayNode array = result.putArray("interactions");
        merged.values().forEach(array::add);
        return parse(engine, OpenApiDocuments.canonicalJson(result), "contracts");
    }

    private static String key(JsonNode interaction) {
        JsonNode states = interaction.has("providerStates") ? interaction.get("providerStates") : interaction.path("providerState");
        return interaction.path("description").asText() + "\u0000" + states;
    }
}
