package dev.covenant.contract.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChangelogTest {

    private static JsonNode tree(String yaml) {
        return OpenApiDocuments.readTree(yaml.getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
    }

    private static final JsonNode BASE = tree("""
            openapi: 3.0.3
            info: {title: t, version: "1"}
            paths:
              /a:
                get:
                  responses:
                    "200": {description: ok}
              /b:
                get:
                  parameters:
                    - {name: q, in: query, schema: {type: string}}
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            required: [id]
                            properties:
                              id: {type: string}
            """);

    private static final JsonNode REVISION = tree("""
            openapi: 3.0.3
            info: {title: t, version: "1"}
            paths:
              /a:
                get:
                  parameters:
                    - {name: extra, in: query, schema: {type: string}}
                  responses:
                    "200": {description: ok}
              /b:
                get:
                  parameters:
                    - {name: q, in: query, required: true, schema: {type: string}}
                    - {name: "<script>*x*", in: query, schema: {type: string}}
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              id: {type: string}
              /c:
                post:
                  responses:
                    "201": {description: created}
            """);

    private final Changelog changelog = Changelog.of(OpenApiDiff.diff(BASE, REVISION, DiffOptions.defaults()));

    @Test
    void breakingChangesComeFirstGroupedByOperation() {
        assertThat(changelog.sections()).extracting(Changelog.Section::operation)
                .containsExactly("GET /b", "GET /a", "POST /c");
        Changelog.Section b = changelog.sections().get(0);
        assertThat(b.level()).isEqualTo(Level.ERR);
        assertThat(b.entries()).extracting(Changelog.Entry::level).isSortedAccordingTo((x, y) -> y.compareTo(x));
        assertThat(b.entries()).extracting(Changelog.Entry::ruleId)
                .contains("request-parameter-became-required", "response-property-became-optional",
                        "new-optional-request-parameter");
        assertThat(changelog.breaking()).isTrue();
        assertThat(changelog.counts().get(Level.ERR)).isEqualTo(
                (int) changelog.sections().stream().flatMap(s -> s.entries().stream())
                        .filter(e -> e.level() == Level.ERR).count());
    }

    @Test
    void markdownMarksBreakingChangesAndEscapesDocumentText() {
        String markdown = changelog.markdown("pets 1 → 2");
        assertThat(markdown).startsWith("# pets 1 → 2\n");
        assertThat(markdown.indexOf("## `GET /b`")).isLessThan(markdown.indexOf("## `GET /a`"));
        assertThat(markdown).contains("- **Breaking:** ").contains("(`request-parameter-became-required`)");
        assertThat(markdown).doesNotContain("<script>").contains("&lt;script&gt;\\*x\\*");
        assertThat(Changelog.of(OpenApiDiff.diff(BASE, BASE, DiffOptions.defaults())).markdown("same"))
                .isEqualTo("# same\n\nNo changes.\n");
    }

    @Test
    void theModelSerializesAsJsonWithFingerprints() throws Exception {
        JsonNode json = new ObjectMapper().valueToTree(changelog);
        assertThat(json.path("counts").path("ERR").asInt()).isPositive();
        JsonNode entry = json.path("sections").get(0).path("entries").get(0);
        assertThat(entry.path("level").asText()).isEqualTo("ERR");
        assertThat(entry.path("fingerprint").asText()).matches("[0-9a-f]{16}");
        assertThat(json.path("sections").get(0).path("operation").asText()).isEqualTo("GET /b");
    }
}
