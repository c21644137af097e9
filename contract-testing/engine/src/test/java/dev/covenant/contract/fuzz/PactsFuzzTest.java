package dev.covenant.contract.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.InvalidDocumentException;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.pact.InvalidPactException;
import dev.covenant.contract.pact.Pact;
import dev.covenant.contract.pact.Pacts;
import java.time.Duration;
import java.util.List;

/**
 * Coverage-guided fuzzing of the pact parser (Jazzer), as the registry uses it (bounded JSON reading, then
 * {@link Pacts#parse} and {@link Pacts#verificationHash}): a pact is read, or refused with
 * {@link InvalidDocumentException} or {@link InvalidPactException}; nothing else, and within 60 s per input. The
 * normal test run replays the inputs under {@code PactsFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes
 * (docs/benchmarks/fuzz.sh).
 */
class PactsFuzzTest {

    /**
     * The time limit of one input, in fuzzing and in the regression run: more is a hang, reported with the input.
     * Generous, as the first input also pays for loading (and, when fuzzing, instrumenting) the code under test.
     */
    private static final Duration PER_INPUT = Duration.ofSeconds(60);

    private static final DocumentLimits LIMITS = DocumentLimits.DEFAULTS.withMaxBytes(64 * 1024);
    private static final List<String> KEYS = List.of("consumer", "provider", "name", "interactions", "messages",
            "description", "request", "response", "method", "path", "query", "headers", "body", "status", "type",
            "contents", "content", "contentType", "encoded", "matchingRules", "generators", "providerStates",
            "providerState", "params", "metadata", "pactSpecification", "pact-specification", "version", "_id",
            "comments", "interactionMarkup", "pending", "key");
    private static final List<String> VALUES = List.of("GET", "POST", "/items/1", "4.0", "2.0.0", "3.0.0", "1.1", "",
            "Synchronous/HTTP", "Asynchronous/Messages", "Synchronous/Messages", "application/json", "base64");

    @DictionaryFile(resourcePath = "/dev/covenant/contract/fuzz/pact.dict")
    @FuzzTest(maxDuration = "2m")
    void anyBytesAreReadAsAPactOrRefused(byte[] input) {
        assertTimeoutPreemptively(PER_INPUT, () -> readBytes(input));
    }

    private static void readBytes(byte[] input) {
        JsonNode tree;
        try {
            tree = OpenApiDocuments.readTree(input, LIMITS);
        } catch (InvalidDocumentException refused) {
            assertThat(refused.problems()).isNotEmpty();
            return;
        }
        parseAndHash(tree);
    }

    /** Random JSON trees, biased to the members and values a pact has, so the trees get deep into the parser. */
    @FuzzTest(maxDuration = "2m")
    void anyJsonTreeIsReadAsAPactOrRefused(FuzzedDataProvider data) {
        assertTimeoutPreemptively(PER_INPUT, () -> readTree(data));
    }

    private static void readTree(FuzzedDataProvider data) {
        JsonTrees trees = new JsonTrees(data, KEYS, VALUES);
        if (!data.consumeBoolean()) {
            parseAndHash(trees.node(4));
            return;
        }
        // Half the trees have a consumer and a provider with names, so that the fuzzer starts past the first checks.
        ObjectNode pact = JsonNodeFactory.instance.objectNode();
        pact.putObject("consumer").put("name", data.consumeString(12));
        pact.putObject("provider").put("name", data.consumeString(12));
        ArrayNode interactions = pact.putArray(data.consumeBoolean() ? "interactions" : "messages");
        for (int i = data.consumeInt(0, 3); i > 0 && data.remainingBytes() > 0; i--) {
            interactions.add(trees.node(4));
        }
        if (data.consumeBoolean()) {
            pact.set("metadata", trees.node(3));
        }
        parseAndHash(pact);
    }

    private static void parseAndHash(JsonNode tree) {
        Pact pact;
        try {
            pact = Pacts.parse(tree);
        } catch (InvalidPactException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(pact.consumer()).isNotNull();
        assertThat(Pacts.verificationHash(tree)).hasSize(64);
    }
}
