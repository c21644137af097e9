package dev.covenant.contract.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.openapi.ParsedDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One fixture folder per rule family under {@code src/test/resources/diff/}: base.yaml → revision.yaml. */
class RuleFixturesTest {

    static DiffReport diff(String family) {
        return OpenApiDiff.diff(load(family, "base.yaml"), load(family, "revision.yaml"), DiffOptions.defaults());
    }

    static ParsedDocument load(String family, String file) {
        try (InputStream in = RuleFixturesTest.class.getResourceAsStream("/diff/" + family + "/" + file)) {
            return OpenApiDocuments.parse(in.readAllBytes(), DocumentLimits.DEFAULTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Finding only(DiffReport report, String ruleId) {
        assertThat(report.findings()).extracting(Finding::ruleId).contains(ruleId);
        return report.findings().stream().filter(f -> f.ruleId().equals(ruleId)).findFirst().orElseThrow();
    }

    @Test
    void removingAnEndpointWithoutDeprecationIsBreaking() {
        Finding finding = only(diff("endpoint-removed"), "api-path-removed-without-deprecation");
        assertThat(finding.level()).isEqualTo(Level.ERR);
        assertThat(finding.operation()).isEqualTo("GET /pets");
        assertThat(finding.basePointer()).isEqualTo("/paths/~1pets/get");
        assertThat(finding.revisionPointer()).isNull();
    }

    @Test
    void addingARequiredRequestPropertyIsBreaking() {
        Finding finding = only(diff("request-property-required-added"), "new-required-request-property");
        assertThat(finding.level()).isEqualTo(Level.ERR);
        assertThat(finding.operation()).isEqualTo("POST /pets");
        assertThat(finding.revisionPointer()).isEqualTo("/components/schemas/Pet/properties/owner");
        assertThat(finding.details()).containsEntry("property", "owner");
    }

    @Test
    void removingARequiredResponsePropertyIsBreaking() {
        Finding finding = only(diff("response-property-removed"), "response-required-property-removed");
        assertThat(finding.level()).isEqualTo(Level.ERR);
        assertThat(finding.operation()).isEqualTo("GET /pets/{id}");
    }

    @Test
    void changingAResponsePropertyTypeIsBreaking() {
        Finding finding = only(diff("type-changed"), "response-property-type-changed");
        assertThat(finding.level()).isEqualTo(Level.ERR);
        assertThat(finding.details()).containsEntry("from", "integer").containsEntry("to", "string");
    }

    @Test
    void removingARequestEnumValueIsBreaking() {
        Finding finding = only(diff("enum-value-removed-request"), "request-property-enum-value-removed");
        assertThat(finding.level()).isEqualTo(Level.ERR);
        assertThat(finding.details()).containsEntry("value", "sold");
    }

    @Test
    void removingAResponseEnumValueIsNotBreakingButAddingOneMayBe() {
        DiffReport report = diff("enum-value-removed-response");
        assertThat(only(report, "response-property-enum-value-removed").level()).isEqualTo(Level.INFO);
        assertThat(only(report, "response-property-enum-value-added").level()).isEqualTo(Level.WARN);
    }

    @Test
    void aParameterThatBecameRequiredIsBreaking() {
        assertThat(only(diff("parameter-became-required"), "request-parameter-became-required").level())
                .isEqualTo(Level.ERR);
    }

    @Test
    void removingASuccessStatusIsBreakingAndAddingOneIsNot() {
        DiffReport report = diff("response-status-removed");
        assertThat(report.reports("response-success-status-added")).isTrue();
        assertThat(only(report, "response-non-success-status-removed").level()).isEqualTo(Level.INFO);
        assertThat(report.hasLevelAtLeast(Level.WARN)).isFalse();
    }

    @Test
    void aTypeArrayWithNullMakesAResponsePropertyNullableWithoutChangingItsType() {
        DiffReport report = diff("nullable-type-array-31");
        assertThat(only(report, "response-property-became-nullable").level()).isEqualTo(Level.ERR);
        assertThat(report.reports("response-property-type-changed")).isFalse();
    }

    @Test
    void aRecursiveSchemaTerminatesAndReportsItsChangeOnce() {
        DiffReport report = diff("recursive-schema");
        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("response-property-type-changed"))
                .hasSize(1)
                .first()
                .satisfies(f -> assertThat(f.details()).containsEntry("property", "value"));
    }

    @Test
    void renamingAPathParameterIsNoChange() {
        assertThat(diff("path-parameter-renamed").findings()).isEmpty();
    }

    @Test
    void swaggerTwoDocumentsAreComparedInTheOpenApiThreeShape() {
        Finding finding = only(diff("swagger-2-response-property-removed"), "response-optional-property-removed");
        assertThat(finding.level()).isEqualTo(Level.WARN);
    }

    @Test
    void identicalDocumentsHaveNoFindings() {
        assertThat(OpenApiDiff.diff(load("type-changed", "base.yaml"), load("type-changed", "base.yaml"),
                DiffOptions.defaults()).findings()).isEmpty();
    }

    @Test
    void everyFindingLevelComesFromTheRules() {
        DiffReport report = diff("enum-value-removed-response");
        for (Finding finding : report.findings()) {
            assertThat(finding.level()).isEqualTo(Rules.bundled().level(finding.ruleId()));
        }
        assertThat(Rules.bundled().all()).hasSize(509);
    }

    @Test
    void aSchemaThatReferencesItselfThroughManyLevelsStillFinishesQuickly() {
        org.assertj.core.api.Assertions.assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> diff("recursive-schema"))).isNotNull();
    }
}
