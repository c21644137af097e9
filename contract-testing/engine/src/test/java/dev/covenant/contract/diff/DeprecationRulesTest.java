package dev.covenant.contract.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deprecation and sunset of parameters, properties and endpoints, stability of properties, and the versioning
 * policy, with oasdiff's rule ids. Today is 2026-11-26.
 */
class DeprecationRulesTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private static final DiffOptions NO_POLICY = DiffOptions.defaults().withClock(TODAY);
    private static final DiffOptions POLICY = NO_POLICY.withDeprecationDays(30, 14);

    /** One operation whose parameter, request property, response property and itself can be annotated. */
    private static JsonNode doc(String version, String operation, String parameter, String requestProperty,
                                String responseProperty) {
        String yaml = """
                openapi: 3.0.3
                info: {title: t, version: "%s"}
                paths:
                  /orders:
                    post:
                      x-marker: 1%s
                      parameters:
                        - {name: filter, in: query, schema: {type: string}%s}
                      requestBody:
                        content:
                          application/json:
                            schema:
                              type: object
                              properties:
                                note: {type: string%s}
                      responses:
                        "200":
                          description: ok
                          content:
                            application/json:
                              schema:
                                type: object
                                properties:
                                  total: {type: number%s}
                """.formatted(version, operation, parameter, requestProperty, responseProperty);
        return OpenApiDocuments.readTree(yaml.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }

    private static JsonNode plain() {
        return doc("1.0.0", "", "", "", "");
    }

    private static JsonNode parameter(String annotations) {
        return doc("1.0.0", "", annotations, "", "");
    }

    private static List<String> ids(JsonNode base, JsonNode revision, DiffOptions options) {
        return OpenApiDiff.diff(base, revision, options).findings().stream().map(Finding::ruleId).toList();
    }

    @Test
    void deprecatingAParameterIsJudgedByTheDeprecationPolicy() {
        assertThat(ids(plain(), parameter(", deprecated: true"), NO_POLICY))
                .containsExactly("request-parameter-deprecated");
        assertThat(ids(plain(), parameter(", deprecated: true"), POLICY))
                .containsExactly("request-parameter-deprecated-sunset-missing");
        assertThat(ids(plain(), parameter(", deprecated: true, x-sunset: '2026-12-06'"), POLICY))
                .containsExactly("request-parameter-sunset-date-too-small");
        assertThat(ids(plain(), parameter(", deprecated: true, x-sunset: 'soon'"), POLICY))
                .containsExactly("request-parameter-sunset-parse");
        List<Finding> ok = OpenApiDiff.diff(plain(), parameter(", deprecated: true, x-sunset: '2027-06-01'"), POLICY)
                .findings();
        assertThat(ok).extracting(Finding::ruleId).containsExactly("request-parameter-deprecated");
        assertThat(ok.get(0).details()).containsEntry("sunset", "2027-06-01");
    }

    @Test
    void removingADeprecatedParameterWaitsForItsSunset() {
        JsonNode withoutParameter = OpenApiDocuments.readTree("""
                openapi: 3.0.3
                info: {title: t, version: "1.0.0"}
                paths:
                  /orders:
                    post:
                      x-marker: 1
                      requestBody:
                        content:
                          application/json:
                            schema:
                              type: object
                              properties:
                                note: {type: string}
                      responses:
                        "200":
                          description: ok
                          content:
                            application/json:
                              schema:
                                type: object
                                properties:
                                  total: {type: number}
                """.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
        assertThat(ids(parameter(", deprecated: true, x-sunset: '2027-01-01'"), withoutParameter, NO_POLICY))
                .containsExactly("request-parameter-removed-before-sunset");
        assertThat(ids(parameter(", deprecated: true, x-sunset: '2026-01-01'"), withoutParameter, NO_POLICY))
                .containsExactly("request-parameter-removed-with-deprecation");
        assertThat(ids(parameter(""), withoutParameter, NO_POLICY)).containsExactly("request-parameter-removed");
    }

    @Test
    void aDeprecatedParametersSunsetMayNotVanishOrComeTooSoon() {
        JsonNode far = parameter(", deprecated: true, x-sunset: '2027-06-01'");
        assertThat(ids(far, parameter(", deprecated: true"), POLICY)).containsExactly("request-parameter-sunset-deleted");
        assertThat(ids(far, parameter(", deprecated: true, x-sunset: '2026-12-01'"), POLICY))
                .containsExactly("request-parameter-sunset-date-changed-too-small");
        assertThat(ids(far, parameter(", deprecated: true, x-sunset: '2027-12-01'"), POLICY)).isEmpty();
    }

    @Test
    void aDeprecatedEndpointsSunsetMayNotVanishOrComeTooSoon() {
        JsonNode far = doc("1.0.0", "\n      deprecated: true\n      x-sunset: '2027-06-01'", "", "", "");
        assertThat(ids(far, doc("1.0.0", "\n      deprecated: true", "", "", ""), POLICY))
                .containsExactly("sunset-deleted");
        assertThat(ids(far, doc("1.0.0", "\n      deprecated: true\n      x-sunset: '2026-12-01'", "", "", ""),
                POLICY)).containsExactly("api-sunset-date-changed-too-small");
    }

    @Test
    void deprecatingAPropertyIsJudgedByTheOperationsPolicy() {
        assertThat(ids(plain(), doc("1.0.0", "", "", ", deprecated: true", ""), NO_POLICY))
                .containsExactly("request-property-deprecated");
        assertThat(ids(plain(), doc("1.0.0", "", "", ", deprecated: true", ""), POLICY))
                .containsExactly("request-property-deprecated-sunset-missing");
        assertThat(ids(plain(), doc("1.0.0", "", "", "", ", deprecated: true, x-sunset: '2027-06-01'"), POLICY))
                .containsExactly("response-property-deprecated-with-sunset");
        assertThat(ids(plain(), doc("1.0.0", "", "", "", ", deprecated: true, x-sunset: '2026-12-01'"), POLICY))
                .containsExactly("response-property-sunset-date-too-small");
        assertThat(ids(plain(), doc("1.0.0", "", "", "", ", deprecated: true, x-sunset: 'never'"), POLICY))
                .containsExactly("response-property-deprecated-sunset-invalid");
        // a beta operation's policy is the beta days: 10 days away is too soon for 14
        String beta = "\n      x-stability-level: beta";
        assertThat(ids(doc("1.0.0", beta, "", "", ""),
                doc("1.0.0", beta, "", ", deprecated: true, x-sunset: '2026-12-06'", ""), POLICY))
                .containsExactly("request-property-sunset-date-too-small");
        assertThat(ids(doc("1.0.0", beta, "", "", ""),
                doc("1.0.0", beta, "", ", deprecated: true, x-sunset: '2026-12-26'", ""), POLICY))
                .containsExactly("request-property-deprecated-with-sunset");
    }

    @Test
    void lowerPropertyStabilityIsReportedWhereTheBaseLevelCarriedAPromise() {
        assertThat(ids(doc("1.0.0", "", "", ", x-stability-level: stable", ""),
                doc("1.0.0", "", "", ", x-stability-level: alpha", ""), NO_POLICY))
                .containsExactly("request-property-stability-decreased");
        assertThat(ids(doc("1.0.0", "", "", "", ", x-stability-level: beta"),
                doc("1.0.0", "", "", "", ", x-stability-level: stable"), NO_POLICY))
                .containsExactly("response-property-stability-increased");
        assertThat(ids(doc("1.0.0", "", "", ", x-stability-level: alpha", ""),
                doc("1.0.0", "", "", ", x-stability-level: draft", ""), NO_POLICY)).isEmpty();
    }

    @Test
    void aBreakingChangeNeedsAMajorVersionWhenTheVersioningPolicyIsOn() {
        DiffOptions versioning = NO_POLICY.withVersioningPolicy(true);
        // making the request property required is breaking
        JsonNode base = doc("1.2.0", "", "", "", "");
        assertThat(ids(base, breaking("1.2.0"), versioning)).contains("api-version-not-bumped");
        assertThat(ids(base, breaking("1.3.0"), versioning)).contains("api-major-version-not-bumped");
        assertThat(ids(base, breaking("1.1.9"), versioning)).contains("api-version-decreased");
        assertThat(ids(base, breaking("2.0.0"), versioning)).doesNotContain("api-version-not-bumped",
                "api-major-version-not-bumped", "api-version-decreased");
        assertThat(ids(doc("0.2.0", "", "", "", ""), breaking("0.3.0"), versioning))
                .doesNotContain("api-major-version-not-bumped");
        assertThat(ids(doc("2026-01-01", "", "", "", ""), breaking("2026-01-01"), versioning))
                .doesNotContain("api-version-not-bumped");
        assertThat(ids(base, breaking("1.2.0"), NO_POLICY)).doesNotContain("api-version-not-bumped");
        assertThat(ids(base, doc("1.2.0", "", ", deprecated: true", "", ""), versioning))
                .containsExactly("request-parameter-deprecated");
    }

    private static JsonNode breaking(String version) {
        String yaml = """
                openapi: 3.0.3
                info: {title: t, version: "%s"}
                paths:
                  /orders:
                    post:
                      x-marker: 1
                      parameters:
                        - {name: filter, in: query, schema: {type: string}}
                      requestBody:
                        content:
                          application/json:
                            schema:
                              type: object
                              required: [note]
                              properties:
                                note: {type: string}
                      responses:
                        "200":
                          description: ok
                          content:
                            application/json:
                              schema:
                                type: object
                                properties:
                                  total: {type: number}
                """.formatted(version);
        return OpenApiDocuments.readTree(yaml.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }
}
