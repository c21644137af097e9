package dev.covenant.contract.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Named diff options, per-rule levels and ignore lists, as the CLI and the registry take them. */
class DiffSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A pets API; the revision drops the required response property {@code name} and adds an endpoint. */
    private static JsonNode document(boolean withName, boolean withList) throws Exception {
        String list = withList ? ", \"/pets\": {\"get\": {\"responses\": {\"200\": {\"description\": \"all\"}}}}" : "";
        return JSON.readTree("""
                {"openapi": "3.0.3", "info": {"title": "Pets", "version": "1"},
                 "paths": {"/pets/{id}": {"get": {
                   "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                   "responses": {"200": {"description": "a pet", "content": {"application/json": {"schema": {
                     "type": "object", "required": ["id"%s],
                     "properties": {"id": {"type": "string"}%s}}}}}}}}%s}}
                """.formatted(withName ? ", \"name\"" : "", withName ? ", \"name\": {\"type\": \"string\"}" : "", list));
    }

    @Test
    void ruleLevelOverridesChangeOrDropFindingsAndKeepTheirFingerprints() throws Exception {
        JsonNode base = document(true, false);
        JsonNode revision = document(false, true);
        DiffReport plain = DiffSettings.defaults().diff(base, revision);
        Finding removed = plain.findings().stream()
                .filter(finding -> finding.ruleId().equals("response-required-property-removed")).findFirst().orElseThrow();
        assertThat(removed.level()).isEqualTo(Level.ERR);
        assertThat(plain.reports("endpoint-added")).isTrue();

        DiffReport relaxed = DiffSettings.defaults()
                .with("severity.response-required-property-removed", "warn")
                .with("severity-levels", "endpoint-added=NONE")
                .diff(base, revision);

        assertThat(relaxed.hasLevelAtLeast(Level.ERR)).isFalse();
        assertThat(relaxed.findings()).filteredOn(finding -> finding.ruleId().equals("response-required-property-removed"))
                .singleElement()
                .satisfies(finding -> assertThat(finding.level()).isEqualTo(Level.WARN))
                .satisfies(finding -> assertThat(finding.fingerprint()).isEqualTo(removed.fingerprint()));
        assertThat(relaxed.reports("endpoint-added")).isFalse();
    }

    @Test
    void ignoredFingerprintsLeaveExactlyThoseFindingsOut() throws Exception {
        JsonNode base = document(true, false);
        JsonNode revision = document(false, true);
        DiffReport plain = DiffSettings.defaults().diff(base, revision);
        String ignored = plain.breaking().get(0).fingerprint();

        DiffReport filtered = DiffSettings.defaults().with("ignore", ignored).diff(base, revision);

        assertThat(filtered.findings()).hasSize(plain.findings().size() - 1)
                .noneMatch(finding -> finding.fingerprint().equals(ignored));
    }

    @Test
    void aConfigFileShapedLikeOasdiffsSetsOptionsLevelsAndIgnores() {
        JsonNode config = OpenApiDocuments.readTree("""
                deprecation-days-stable: 30
                stability-level: stable
                flatten-params: false
                severity-levels:
                  response-required-property-removed: INFO
                ignore: [0123456789abcdef]
                """.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);

        DiffSettings settings = DiffSettings.read(config);

        assertThat(settings.options().deprecationDaysStable()).isEqualTo(30);
        assertThat(settings.options().minimumStability()).isEqualTo(Stability.STABLE);
        assertThat(settings.options().flattenCommonParameters()).isFalse();
        assertThat(settings.ruleLevels()).containsEntry("response-required-property-removed",
                java.util.Optional.of(Level.INFO));
        assertThat(settings.ignoredFingerprints()).containsExactly("0123456789abcdef");
        assertThat(DiffSettings.read(JSON.valueToTree(settings.view())).view()).isEqualTo(settings.view());
    }

    @Test
    void unknownOptionsAndBadValuesAreRefusedNamingWhatIsAccepted() {
        DiffSettings settings = DiffSettings.defaults();
        assertThatThrownBy(() -> settings.with("fail-fast", "true")).hasMessageContaining("unknown diff option 'fail-fast'")
                .hasMessageContaining("deprecation-days-stable");
        assertThatThrownBy(() -> settings.with("deprecation-days-beta", "-1")).hasMessageContaining("0 to 3650");
        assertThatThrownBy(() -> settings.with("severity.endpoint-added", "LOUD")).hasMessageContaining("ERR, WARN, INFO or NONE");
        assertThatThrownBy(() -> settings.with("ignore", "not-a-fingerprint")).hasMessageContaining("sixteen hex digits");
        assertThatThrownBy(() -> settings.with("stability-level", "gold")).hasMessageContaining("draft, alpha, beta or stable");
        assertThatThrownBy(() -> DiffSettings.read(JSON.createArrayNode())).isInstanceOf(IllegalArgumentException.class);
    }
}
