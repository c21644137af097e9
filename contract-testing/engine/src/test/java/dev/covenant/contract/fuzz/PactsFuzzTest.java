package dev.covenant.contract.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of the pact parser, as the registry uses it (bounded JSON reading, then
 * {@link Pacts#parse} and {@link Pacts#verificationHash}): a pact is read, or refused with
 * {@link InvalidDocumentException} or {@link InvalidPactException}; nothing else. Tries: {@code -Dfuzz.tries}.
 */
class PactsFuzzTest {

    static final String VALID = """
            {"consumer":{"name":"order-service"},"provider":{"name":"inventory-service"},
             "interactions":[{"description":"a request for item 42","providerStates":[{"name":"item 42 exists",
               "params":{"id":42}}],
               "request":{"method":"GET","path":"/items/42","query":{"verbose":["true"]},"headers":{"Accept":"application/json"}},
               "response":{"status":200,"headers":{"Content-Type":"application/json"},"body":{"id":"42","stock":3},
                 "matchingRules":{"body":{"$.stock":{"matchers":[{"match":"integer"}]}}}}},
              {"type":"Synchronous/HTTP","description":"a v4 post","request":{"method":"POST","path":"/r",
               "body":{"content":{"n":1},"contentType":"application/json","encoded":false}},"response":{"status":201}},
              {"type":"Asynchronous/Messages","description":"an event","contents":{"content":{"id":1}}}],
             "messages":[{"description":"m","contents":{"a":1}}],
             "metadata":{"pactSpecification":{"version":"4.0"}}}
            """;

    private static final DocumentLimits LIMITS = DocumentLimits.DEFAULTS.withMaxBytes(64 * 1024);
    private static final List<String> KEYS = List.of("consumer", "provider", "name", "interactions", "messages",
            "description", "request", "response", "method", "path", "query", "headers", "body", "status", "type",
            "contents", "content", "contentType", "encoded", "matchingRules", "generators", "providerStates",
            "providerState", "params", "metadata", "pactSpecification", "pact-specification", "version", "_id",
            "comments", "interactionMarkup", "pending", "key");

    @Property
    void anyBytesAreReadAsAPactOrRefused(@ForAll("pactTexts") byte[] input) {
        JsonNode tree;
        try {
            tree = OpenApiDocuments.readTree(input, LIMITS);
        } catch (InvalidDocumentException refused) {
            assertThat(refused.problems()).isNotEmpty();
            return;
        }
        parseAndHash(tree);
    }

    @Property
    void anyJsonTreeIsReadAsAPactOrRefused(@ForAll("pactTrees") JsonNode tree) {
        parseAndHash(tree);
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

    @Provide
    Arbitrary<byte[]> pactTexts() {
        return Arbitraries.oneOf(
                FuzzInputs.bytes(),
                FuzzInputs.syntaxSoup(List.of("{", "}", "[", "]", ":", ",", "\"consumer\"", "\"provider\"", "\"name\"",
                        "\"interactions\"", "\"request\"", "\"response\"", "\"status\"", "\"a\"", "1", "-1e400", "null",
                        "true", "\"\\u0000\"", "\"\\ud800\"")).map(text -> text.getBytes(StandardCharsets.UTF_8)),
                FuzzInputs.mutationsOf(VALID));
    }

    @Provide
    Arbitrary<JsonNode> pactTrees() {
        return Arbitraries.lazyOf(() -> node(3));
    }

    /** Random JSON, biased towards the members a pact has, so the generated trees get deep into the parser. */
    private static Arbitrary<JsonNode> node(int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(nodes::textNode),
                Arbitraries.of(KEYS).map(nodes::textNode),
                Arbitraries.of("GET", "POST", "/items/1", "4.0", "2.0.0", "1.1", "", "Synchronous/HTTP",
                        "Asynchronous/Messages", "Synchronous/Messages").map(nodes::textNode),
                Arbitraries.integers().map(nodes::numberNode),
                Arbitraries.doubles().map(nodes::numberNode),
                Arbitraries.of(true, false).map(nodes::booleanNode),
                Arbitraries.just(nodes.nullNode()));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<JsonNode> child = Arbitraries.lazy(() -> node(depth - 1));
        Arbitrary<JsonNode> objects = Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of(KEYS),
                        Arbitraries.strings().ofMaxLength(8)), child).ofMaxSize(5)
                .map(members -> {
                    ObjectNode object = nodes.objectNode();
                    members.forEach(object::set);
                    return object;
                });
        Arbitrary<JsonNode> arrays = child.list().ofMaxSize(3).map(items -> {
            ArrayNode array = nodes.arrayNode();
            items.forEach(array::add);
            return array;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, scalars),
                net.jqwik.api.Tuple.of(5, objects),
                net.jqwik.api.Tuple.of(2, arrays));
    }
}
