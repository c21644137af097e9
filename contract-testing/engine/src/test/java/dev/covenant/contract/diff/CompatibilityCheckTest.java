package dev.covenant.contract.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompatibilityCheckTest {

    // v1 has GET /pets; v2 adds GET /owners; v3 drops GET /pets again but keeps /owners.
    private static final JsonNode V1 = tree("/pets");
    private static final JsonNode V2 = tree("/pets", "/owners");
    private static final JsonNode V3 = tree("/owners");

    private static JsonNode tree(String... paths) {
        var root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        root.put("openapi", "3.0.3");
        root.putObject("info").put("title", "t").put("version", "1");
        var pathsNode = root.putObject("paths");
        for (String path : paths) {
            pathsNode.putObject(path).putObject("get").putObject("responses").putObject("200")
                    .put("description", "ok");
        }
        return root;
    }

    @Test
    void backwardChecksOnlyTheLatestVersion() {
        assertThat(CompatibilityCheck.check(CompatibilityLevel.BACKWARD, List.of(V1, V2), V2, DiffOptions.defaults()))
                .isEmpty();
        assertThat(CompatibilityCheck.check(CompatibilityLevel.BACKWARD, List.of(V1, V2), V3, DiffOptions.defaults()))
                .extracting(v -> v.finding().ruleId(), Violation::earlierIndex)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api-path-removed-without-deprecation", 1));
    }

    @Test
    void backwardTransitiveChecksEveryEarlierVersion() {
        List<Violation> violations = CompatibilityCheck.check(CompatibilityLevel.BACKWARD_TRANSITIVE,
                List.of(V1, V2), V3, DiffOptions.defaults());
        assertThat(violations).extracting(Violation::earlierIndex).containsExactly(0, 1);
    }

    @Test
    void forwardSwapsTheDirection() {
        // Going from v2 to v1 removes /owners: clients of v2 would break against v1.
        List<Violation> violations = CompatibilityCheck.check(CompatibilityLevel.FORWARD, List.of(V1), V2,
                DiffOptions.defaults());
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.direction()).isEqualTo(Violation.Direction.FORWARD);
            assertThat(v.finding().operation()).isEqualTo("GET /owners");
        });
    }

    @Test
    void fullChecksBothDirections() {
        List<Violation> violations = CompatibilityCheck.check(CompatibilityLevel.FULL, List.of(V2), V3,
                DiffOptions.defaults());
        assertThat(violations).extracting(Violation::direction).containsExactly(Violation.Direction.BACKWARD);
        assertThat(CompatibilityCheck.check(CompatibilityLevel.FULL, List.of(V1), V2, DiffOptions.defaults()))
                .extracting(Violation::direction).containsExactly(Violation.Direction.FORWARD);
    }

    @Test
    void noneNeverReportsAnything() {
        assertThat(CompatibilityCheck.check(CompatibilityLevel.NONE, List.of(V1, V2), V3, DiffOptions.defaults()))
                .isEmpty();
    }
}
