package dev.covenant.contract.pact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PactsTest {

    private static JsonNode json(String text) {
        return OpenApiDocuments.readTree(text.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }

    private static final String V2 = """
            {"consumer":{"name":"web"},"provider":{"name":"pets"},
             "interactions":[{"_id":"abc","description":"list pets","providerState":"pets exist",
               "request":{"method":"get","path":"/pets","query":"limit=10&tag=a&tag=b%20c",
                          "headers":{"Accept":"application/json"}},
               "response":{"status":200,"body":[{"id":1}]}}],
             "metadata":{"pactSpecification":{"version":"2.0.0"}}}
            """;

    @Test
    void readsV2InteractionWithQueryString() {
        Pact pact = Pacts.parse(json(V2));

        assertThat(pact.consumer()).isEqualTo("web");
        assertThat(pact.provider()).isEqualTo("pets");
        assertThat(pact.specification()).isEqualTo(PactSpecification.V2);
        HttpInteraction interaction = (HttpInteraction) pact.interactions().get(0);
        assertThat(interaction.pactId()).isEqualTo("abc");
        assertThat(interaction.providerStates()).containsExactly("pets exist");
        assertThat(interaction.request().method()).isEqualTo("GET");
        assertThat(interaction.request().query()).containsEntry("limit", List.of("10"))
                .containsEntry("tag", List.of("a", "b c"));
        assertThat(interaction.response().body().content().get(0).get("id").asInt()).isEqualTo(1);
    }

    @Test
    void readsV4HttpAndMessageInteractions() {
        Pact pact = Pacts.parse(json("""
                {"consumer":{"name":"c"},"provider":{"name":"p"},
                 "interactions":[
                   {"type":"Synchronous/HTTP","description":"upload","providerStates":[{"name":"s1"}],
                    "request":{"method":"POST","path":"/up","query":{"a":["1","2"]},"headers":{"Content-Type":["application/xml"]},
                               "body":{"content":"<a/>","contentType":"application/xml","encoded":false}},
                    "response":{"status":201}},
                   {"type":"Asynchronous/Messages","description":"event"},
                   {"type":"Plugin/Thing","description":"?"}],
                 "metadata":{"pactSpecification":{"version":"4.0"}}}
                """));

        assertThat(pact.specification()).isEqualTo(PactSpecification.V4);
        HttpInteraction http = (HttpInteraction) pact.interactions().get(0);
        assertThat(http.request().headers()).containsEntry("Content-Type", "application/xml");
        assertThat(http.request().query()).containsEntry("a", List.of("1", "2"));
        assertThat(http.request().body().contentType()).isEqualTo("application/xml");
        assertThat(http.request().body().content().asText()).isEqualTo("<a/>");
        assertThat(pact.interactions().get(1)).isInstanceOf(MessageInteraction.class);
        assertThat(pact.interactions().get(2)).isInstanceOf(OtherInteraction.class);
    }

    @Test
    void rejectsPactWithoutConsumerName() {
        assertThatThrownBy(() -> Pacts.parse(json("{\"provider\":{\"name\":\"p\"},\"interactions\":[]}")))
                .isInstanceOf(InvalidPactException.class)
                .hasMessageContaining("consumer name");
    }

    @Test
    void rejectsInteractionsThatAreNotAnArray() {
        assertThatThrownBy(() -> Pacts.parse(json("{\"consumer\":{\"name\":\"c\"},\"provider\":{\"name\":\"p\"},\"interactions\":{}}")))
                .isInstanceOf(InvalidPactException.class)
                .hasMessage("'interactions' must be an array");
    }

    @Test
    void rejectsHttpInteractionWithoutStatus() {
        assertThatThrownBy(() -> Pacts.parse(json("""
                {"consumer":{"name":"c"},"provider":{"name":"p"},
                 "interactions":[{"description":"x","request":{"method":"GET","path":"/"},"response":{}}]}
                """)))
                .isInstanceOf(InvalidPactException.class)
                .hasMessage("interactions[0].response.status must be an integer");
    }

    @Test
    void verificationHashIgnoresIdsMetadataAndInteractionOrder() {
        String a = """
                {"consumer":{"name":"c"},"provider":{"name":"p"},
                 "interactions":[{"_id":"1","description":"a","request":{"method":"GET","path":"/a"},"response":{"status":200}},
                                 {"_id":"2","description":"b","request":{"method":"GET","path":"/b"},"response":{"status":200}}],
                 "metadata":{"pactSpecification":{"version":"3.0.0"},"pact-jvm":{"version":"4.6.1"}}}
                """;
        String b = """
                {"consumer":{"name":"c"},"provider":{"name":"p"},
                 "interactions":[{"description":"b","request":{"method":"GET","path":"/b"},"response":{"status":200}},
                                 {"_id":"9","description":"a","request":{"method":"GET","path":"/a"},"response":{"status":200}}],
                 "metadata":{"pactSpecification":{"version":"3.0.0"},"pact-js":{"version":"12"}}}
                """;

        assertThat(Pacts.verificationHash(json(a))).isEqualTo(Pacts.verificationHash(json(b))).hasSize(64);
    }

    @Test
    void verificationHashChangesWhenAnExpectationChanges() {
        String a = "{\"consumer\":{\"name\":\"c\"},\"provider\":{\"name\":\"p\"},\"interactions\":[{\"description\":\"a\","
                + "\"request\":{\"method\":\"GET\",\"path\":\"/a\"},\"response\":{\"status\":200}}]}";

        assertThat(Pacts.verificationHash(json(a))).isNotEqualTo(Pacts.verificationHash(json(a.replace("200", "201"))));
    }

    @Test
    void interactionIdIsStableAcrossIdsAndKeyOrder() {
        JsonNode one = json("{\"_id\":\"x\",\"description\":\"a\",\"request\":{\"path\":\"/a\",\"method\":\"GET\"}}");
        JsonNode two = json("{\"request\":{\"method\":\"GET\",\"path\":\"/a\"},\"description\":\"a\"}");

        assertThat(Pacts.interactionId(one)).isEqualTo(Pacts.interactionId(two));
    }
}
