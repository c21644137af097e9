package dev.covenant.contract.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine's counterparts of oasdiff's options change what is reported, and only that. */
class DiffOptionsTest {

    private static JsonNode tree(String yaml) {
        return OpenApiDocuments.readTree(yaml.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }

    private static JsonNode operation(String stability, String parameters, String extra) {
        return tree("""
                openapi: 3.0.3
                info: {title: t, version: "1"}
                paths:
                  /reports:
                    get:
                      x-stability-level: %s
                      x-team: payments
                %s
                      parameters:
                %s
                      responses:
                        "200": {description: ok}
                """.formatted(stability, extra, parameters));
    }

    private static final String ONE = "        - {name: from, in: query, schema: {type: string}}";
    private static final String TWO = ONE + "\n        - {name: to, in: query, schema: {type: string}}";

    private static List<String> ids(JsonNode base, JsonNode revision, DiffOptions options) {
        return OpenApiDiff.diff(base, revision, options).findings().stream().map(Finding::ruleId).toList();
    }

    @Test
    void operationsBelowTheMinimumStabilityAreFreeToChange() {
        JsonNode base = operation("alpha", TWO, "");
        JsonNode revision = operation("alpha", ONE, "");
        assertThat(ids(base, revision, DiffOptions.defaults())).isEmpty();
        assertThat(ids(base, revision, DiffOptions.defaults().withMinimumStability(Stability.ALPHA)))
                .containsExactly("request-parameter-removed");
        assertThat(ids(operation("beta", TWO, ""), operation("beta", ONE, ""), DiffOptions.defaults()))
                .containsExactly("request-parameter-removed");
    }

    @Test
    void removingAnOperationBelowTheMinimumIsNotReported() {
        JsonNode base = operation("draft", ONE, "");
        JsonNode revision = tree("""
                openapi: 3.0.3
                info: {title: t, version: "1"}
                paths: {}
                """);
        assertThat(ids(base, revision, DiffOptions.defaults())).isEmpty();
        assertThat(ids(base, revision, DiffOptions.defaults().withMinimumStability(Stability.DRAFT)))
                .containsExactly("api-path-removed-without-deprecation");
    }

    @Test
    void deprecationDaysApplyPerStabilityLevel() {
        DiffOptions options = DiffOptions.defaults().withDeprecationDays(90, 30);
        assertThat(options.deprecationDays(Stability.STABLE)).isEqualTo(90);
        assertThat(options.deprecationDays(Stability.BETA)).isEqualTo(30);
        assertThat(options.deprecationDays(Stability.ALPHA)).isZero();
        String deprecated = "      deprecated: true";
        assertThat(ids(operation("beta", ONE, ""), operation("beta", ONE, deprecated), options))
                .containsExactly("api-deprecated-sunset-missing");
        assertThat(ids(operation("alpha", ONE, ""), operation("alpha", ONE, deprecated), options))
                .containsExactly("endpoint-deprecated");
    }

    @Test
    void inlineMembersMatchEquivalentReferencesUnlessTurnedOff() {
        String common = """
                openapi: 3.1.0
                info: {title: t, version: "1"}
                paths:
                  /users:
                    put:
                      requestBody:
                        content:
                          application/json:
                            schema:
                              type: object
                              properties:
                                role:
                                  anyOf:
                                    - %s
                                    - {type: integer}
                      responses:
                        "200": {description: ok}
                components:
                  schemas:
                    Role: {type: string, enum: [user, admin]}
                """;
        JsonNode inline = tree(common.formatted("{type: string, enum: [user, admin]}"));
        JsonNode referenced = tree(common.formatted("{$ref: '#/components/schemas/Role'}"));
        assertThat(ids(inline, referenced, DiffOptions.defaults())).isEmpty();
        assertThat(ids(inline, referenced, DiffOptions.defaults().withMatchInlineRefs(false)))
                .containsExactlyInAnyOrder("request-property-any-of-added", "request-property-any-of-removed");
    }

    @Test
    void renamedComponentsInACompositionAreTheSameMemberWhenTheirContentIsOrWhenAsked() {
        String common = """
                openapi: 3.0.3
                info: {title: t, version: "1"}
                paths:
                  /pets:
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema:
                              anyOf: [{$ref: '#/components/schemas/Dog'}, {$ref: '#/components/schemas/%s'}]
                      responses:
                        "200": {description: ok}
                components:
                  schemas:
                    Dog: {type: object, properties: {bark: {type: string}}}
                    %s: {type: object, %sproperties: {name: {type: string}}}
                """;
        JsonNode base = tree(common.formatted("Cat", "Cat", ""));
        // the same content under another name is the same member with the default options
        assertThat(ids(base, tree(common.formatted("Feline", "Feline", "")), DiffOptions.defaults())).isEmpty();
        // a renamed member whose content changed in a way no rule reports is paired only when asked
        JsonNode described = tree(common.formatted("Feline", "Feline", "description: a cat, "));
        assertThat(ids(base, described, DiffOptions.defaults()))
                .contains("request-body-any-of-removed", "request-body-any-of-added");
        assertThat(ids(base, described, DiffOptions.defaults().withMatchRenamedRefs(true)))
                .doesNotContain("request-body-any-of-removed", "request-body-any-of-added");
    }

    @Test
    void attributesCarryOperationExtensionsIntoFindingsWithoutChangingFingerprints() {
        JsonNode base = operation("stable", TWO, "");
        JsonNode revision = operation("stable", ONE, "");
        Finding plain = OpenApiDiff.diff(base, revision, DiffOptions.defaults()).findings().get(0);
        Finding attributed = OpenApiDiff.diff(base, revision,
                DiffOptions.defaults().withAttributes(Set.of("x-team", "x-absent"))).findings().get(0);
        assertThat(plain.details()).doesNotContainKey("attributes");
        assertThat(attributed.details()).containsEntry("attributes", Map.of("x-team", "payments"));
        assertThat(attributed.fingerprint()).isEqualTo(plain.fingerprint());
    }
}
