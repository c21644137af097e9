package dev.covenant.registry.checks;

import static dev.covenant.registry.checks.Contracts.awaitReport;
import static dev.covenant.registry.checks.Contracts.itemsDocument;
import static dev.covenant.registry.checks.Contracts.json;
import static dev.covenant.registry.checks.Contracts.list;
import static dev.covenant.registry.checks.Contracts.publishDocument;
import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.events.EventTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** Per-application diff options (oasdiff's names, rule levels, ignore lists) used by the policy and reports. */
@TestPropertySource(properties = "covenant.jobs.poll-interval=50ms")
class DiffSettingsApiTest extends RegistryTest {

    String provider = unique("items");

    @Test
    void aRuleLoweredToWarnIsNoLongerAViolationAndReportsShowItsNewLevel() {
        setPolicy("{\"level\": \"BACKWARD\", \"mode\": \"enforce\"}");
        publishDocument(http, provider, "1.0.0", "main", itemsDocument("1", true)).expectStatus().isCreated();
        publishDocument(http, provider, "2.0.0", "main", itemsDocument("2", false)).expectStatus().isEqualTo(409);

        Map<String, Object> stored = json(http.put().uri("/applications/{a}/diff-options", provider)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"deprecation-days-stable\": 30, \"severity-levels\": "
                        + "{\"response-required-property-removed\": \"WARN\"}}")
                .exchange()
                .expectStatus().isOk());
        assertThat(stored).containsEntry("deprecation-days-stable", 30)
                .containsEntry("severity-levels", Map.of("response-required-property-removed", "WARN"));
        assertThat(json(http.get().uri("/applications/{a}/diff-options", provider).exchange().expectStatus().isOk()))
                .isEqualTo(stored);

        publishDocument(http, provider, "2.0.0", "main", itemsDocument("2", false)).expectStatus().isCreated();
        Map<String, Object> report = awaitReport(http, provider, "2.0.0", EventTypes.CONTRACT_PUBLISHED);
        assertThat(list(list(report, "comparisons").get(0), "findings")).anySatisfy(finding -> assertThat(finding)
                .containsEntry("ruleId", "response-required-property-removed").containsEntry("level", "WARN"));
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) report.get("policy");
        assertThat(list(policy, "violations")).isEmpty();
    }

    @Test
    void anIgnoredFingerprintIsLeftOutOfThePolicyCheck() {
        setPolicy("{\"level\": \"BACKWARD\", \"mode\": \"enforce\"}");
        publishDocument(http, provider, "1.0.0", "main", itemsDocument("1", true)).expectStatus().isCreated();
        Map<String, Object> refusal = json(publishDocument(http, provider, "2.0.0", "main", itemsDocument("2", false))
                .expectStatus().isEqualTo(409));
        List<Object> fingerprints = list(refusal, "violations").stream().map(v -> v.get("fingerprint")).toList();

        http.put().uri("/applications/{a}/diff-options", provider).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ignore", fingerprints)).exchange()
                .expectStatus().isOk();

        publishDocument(http, provider, "2.0.0", "main", itemsDocument("2", false)).expectStatus().isCreated();
    }

    @Test
    void badDiffOptionsAreRefusedWithProblemsAndNothingIsStored() {
        publishDocument(http, provider, "1.0.0", "main", itemsDocument("1", true)).expectStatus().isCreated();
        for (String body : List.of("{\"fail-fast\": true}", "{\"severity-levels\": {\"endpoint-added\": \"LOUD\"}}",
                "{\"ignore\": [\"not-a-fingerprint\"]}", "[1, 2]", "{\"deprecation-days-stable\": ", "")) {
            http.put().uri("/applications/{a}/diff-options", provider).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(json(http.get().uri("/applications/{a}/diff-options", provider).exchange().expectStatus().isOk()))
                .containsEntry("deprecation-days-stable", 0).containsEntry("ignore", List.of())
                .containsEntry("severity-levels", Map.of());
        http.get().uri("/applications/{a}/diff-options", unique("nobody")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private void setPolicy(String body) {
        http.put().uri("/applications/{a}/policy", provider).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isOk();
    }
}
