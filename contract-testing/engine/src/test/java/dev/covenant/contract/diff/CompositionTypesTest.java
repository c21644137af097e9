package dev.covenant.contract.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Types inside anyOf/oneOf: a list of bare types widens or narrows; members that are schemas change as members. */
class CompositionTypesTest {

    private static JsonNode response(String members) {
        return OpenApiDocuments.readTree("""
                openapi: 3.0.3
                info: {title: t, version: "1"}
                paths:
                  /pets:
                    get:
                      responses:
                        "200":
                          description: ok
                          content:
                            application/json:
                              schema:
                                anyOf: %s
                components:
                  schemas:
                    Dog: {type: object, properties: {name: {type: string}}}
                """.formatted(members).getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }

    private static List<String> ids(String from, String to) {
        return OpenApiDiff.diff(response(from), response(to), DiffOptions.defaults()).findings().stream()
                .map(Finding::ruleId).toList();
    }

    @Test
    void aMemberWhoseTypeChangedIsOneChangeNotAWidenedAndNarrowedList() {
        assertThat(ids("[{$ref: '#/components/schemas/Dog'}, {title: Rabbit, type: string}]",
                "[{$ref: '#/components/schemas/Dog'}, {title: Rabbit, type: number}]"))
                .containsExactly("response-property-type-changed");
    }

    @Test
    void aListOfBareTypesStillWidensAndNarrows() {
        assertThat(ids("[{type: string}, {type: integer}]", "[{type: string}, {type: integer}, {type: boolean}]"))
                .containsExactly("response-body-list-of-types-widened");
        assertThat(ids("[{type: string}, {type: integer}]", "[{type: string}, {type: boolean}]"))
                .containsExactlyInAnyOrder("response-body-list-of-types-widened",
                        "response-body-list-of-types-narrowed");
    }
}
