package dev.covenant.contract.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    private static JsonNode document(String operationExtras) {
        String yaml = """
                openapi: 3.0.3
                info: {title: t, version: "1"}
                paths:
                  /pets:
                    get:
                %s
                      responses:
                        "200": {description: ok}
                  /owners:
                    get:
                      responses:
                        "200": {description: ok}
                """.formatted(operationExtras);
        return OpenApiDocuments.readTree(yaml.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }

    private static JsonNode withoutPets() {
        return OpenApiDocuments.readTree("""
                openapi: 3.0.3
                info: {title: t, version: "1"}
                paths:
                  /owners:
                    get:
                      responses:
                        "200": {description: ok}
                """.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }

    private static DiffOptions options(int days) {
        return DiffOptions.defaults().withDeprecationDays(days, days).withClock(TODAY);
    }

    @Test
    void removingADeprecatedEndpointBeforeItsSunsetIsBreaking() {
        DiffReport report = OpenApiDiff.diff(document("      deprecated: true\n      x-sunset: \"2027-01-01\""),
                withoutPets(), options(0));
        assertThat(report.findings()).extracting(Finding::ruleId).containsExactly("api-path-removed-before-sunset");
    }

    @Test
    void removingADeprecatedEndpointAfterItsSunsetIsFine() {
        DiffReport report = OpenApiDiff.diff(document("      deprecated: true\n      x-sunset: \"2026-01-01\""),
                withoutPets(), options(0));
        assertThat(report.findings()).extracting(Finding::ruleId).containsExactly("api-path-removed-with-deprecation");
        assertThat(report.hasLevelAtLeast(Level.WARN)).isFalse();
    }

    @Test
    void removingAnAlphaEndpointIsNoChange() {
        assertThat(OpenApiDiff.diff(document("      x-stability-level: alpha"), withoutPets(), options(0)).findings())
                .isEmpty();
    }

    @Test
    void deprecatingWithoutSunsetBreaksOnlyWhenAPolicyAsksForDays() {
        JsonNode base = document("      operationId: listPets");
        JsonNode revision = document("      operationId: listPets\n      deprecated: true");
        assertThat(OpenApiDiff.diff(base, revision, options(0)).findings()).extracting(Finding::ruleId)
                .containsExactly("endpoint-deprecated");
        assertThat(OpenApiDiff.diff(base, revision, options(180)).findings()).extracting(Finding::ruleId)
                .containsExactly("api-deprecated-sunset-missing");
    }

    @Test
    void aSunsetSoonerThanThePolicyAllowsIsBreaking() {
        JsonNode base = document("      operationId: listPets");
        JsonNode revision = document("      operationId: listPets\n      deprecated: true\n      x-sunset: \"2026-12-01\"");
        assertThat(OpenApiDiff.diff(base, revision, options(180)).findings()).extracting(Finding::ruleId)
                .containsExactly("api-sunset-date-too-small");
        assertThat(OpenApiDiff.diff(base, revision, options(0)).findings()).extracting(Finding::ruleId)
                .containsExactly("endpoint-deprecated-with-sunset");
    }

    @Test
    void aSunsetThatIsNotADateIsBreakingWhateverThePolicy() {
        JsonNode base = document("      operationId: listPets");
        JsonNode revision = document("      operationId: listPets\n      deprecated: true\n      x-sunset: \"next spring\"");
        for (int days : new int[] {0, 180}) {
            DiffReport report = OpenApiDiff.diff(base, revision, options(days));
            assertThat(report.findings()).as("%d days", days).extracting(Finding::ruleId)
                    .containsExactly("api-deprecated-sunset-parse");
            assertThat(report.breaking()).as("%d days", days).hasSize(1);
        }
    }

    @Test
    void aSunsetMayBeAnRfc3339TimestampAndItsDateCounts() {
        JsonNode base = document("      operationId: listPets");
        JsonNode soon = document("      operationId: listPets\n      deprecated: true\n"
                + "      x-sunset: \"2026-12-01T00:00:00Z\"");
        JsonNode late = document("      operationId: listPets\n      deprecated: true\n"
                + "      x-sunset: \"2027-12-01T00:00:00+02:00\"");
        assertThat(OpenApiDiff.diff(base, soon, options(180)).findings()).extracting(Finding::ruleId)
                .containsExactly("api-sunset-date-too-small");
        assertThat(OpenApiDiff.diff(base, late, options(180)).findings()).extracting(Finding::ruleId)
                .containsExactly("endpoint-deprecated-with-sunset");
    }

    @Test
    void removingADeprecatedEndpointWhoseSunsetIsNotADateIsBreaking() {
        DiffReport report = OpenApiDiff.diff(document("      deprecated: true\n      x-sunset: \"soon\""),
                withoutPets(), options(0));
        assertThat(report.breaking()).extracting(Finding::ruleId).containsExactly("api-path-sunset-parse");
    }

    @Test
    void loweringTheStabilityLevelIsBreaking() {
        DiffReport report = OpenApiDiff.diff(document("      x-stability-level: stable"),
                document("      x-stability-level: beta"), options(0));
        assertThat(report.breaking()).extracting(Finding::ruleId).containsExactly("api-stability-decreased");
    }
}
