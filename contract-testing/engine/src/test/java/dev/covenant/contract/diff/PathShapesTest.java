package dev.covenant.contract.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Paths of one shape ({@code /orgs/{org}/attestations/{subject_digest}} and {@code .../{attestation_id}}, as in
 * GitHub's description): each is compared with its namesake whatever the key order, and none is left out.
 */
class PathShapesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document(boolean digestFirst, boolean withDelete) throws Exception {
        String digest = """
                "/orgs/{org}/attestations/{subject_digest}": {"get": {"parameters": [
                  {"name": "org", "in": "path", "required": true, "schema": {"type": "string"}},
                  {"name": "subject_digest", "in": "path", "required": true, "schema": {"type": "string"}}],
                  "responses": {"200": {"description": "attestations"}}}}""";
        String id = """
                "/orgs/{org}/attestations/{attestation_id}": {%s}""".formatted(withDelete ? """
                "delete": {"parameters": [
                  {"name": "org", "in": "path", "required": true, "schema": {"type": "string"}},
                  {"name": "attestation_id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                  "responses": {"204": {"description": "deleted"}}}""" : "");
        return JSON.readTree("""
                {"openapi": "3.0.3", "info": {"title": "Attestations", "version": "1"}, "paths": {%s, %s}}
                """.formatted(digestFirst ? digest : id, digestFirst ? id : digest));
    }

    @Test
    void pathsOfOneShapeMatchTheirNamesakesWhateverTheKeyOrder() throws Exception {
        DiffReport reordered = OpenApiDiff.diff(document(true, true), document(false, true), DiffOptions.defaults());

        assertThat(reordered.findings()).isEmpty();
    }

    @Test
    void aChangeToTheSecondPathOfAShapeIsReported() throws Exception {
        DiffReport removed = OpenApiDiff.diff(document(true, true), document(true, false), DiffOptions.defaults());

        assertThat(removed.findings()).extracting(Finding::operation)
                .contains("DELETE /orgs/{org}/attestations/{attestation_id}");
        assertThat(removed.breaking()).isNotEmpty();
    }
}
