package dev.covenant.registry.checks;

import static dev.covenant.registry.checks.Contracts.awaitReport;
import static dev.covenant.registry.checks.Contracts.itemPact;
import static dev.covenant.registry.checks.Contracts.itemsDocument;
import static dev.covenant.registry.checks.Contracts.json;
import static dev.covenant.registry.checks.Contracts.list;
import static dev.covenant.registry.checks.Contracts.publishDocument;
import static dev.covenant.registry.checks.Contracts.publishPact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.events.EventTypes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** Compatibility policies (warn and enforce) and the pre-merge check, over HTTP. */
@TestPropertySource(properties = "covenant.jobs.poll-interval=50ms")
class PolicyAndPreMergeTest extends RegistryTest {

    String provider = unique("items");
    String reader = unique("stock-ui");
    String bystander = unique("catalog-ui");

    @Test
    void theDefaultPolicyIsBackwardWarnAndAPolicyCanBeSet() {
        publishDocument(http, provider, "1.0.0", "main", itemsDocument("1", true)).expectStatus().isCreated();
        http.get().uri("/applications/{a}/policy", provider).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.level").isEqualTo("BACKWARD")
                .jsonPath("$.mode").isEqualTo("warn")
                .jsonPath("$.validation").isEqualTo("lenient");

        setPolicy("{\"level\": \"full\", \"mode\": \"enforce\"}");
        http.get().uri("/applications/{a}/policy", provider).exchange()
                .expectBody()
                .jsonPath("$.level").isEqualTo("FULL")
                .jsonPath("$.mode").isEqualTo("enforce");

        http.put().uri("/applications/{a}/policy", provider).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"level\": \"SIDEWAYS\", \"mode\": \"maybe\", \"validation\": \"loose\"}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("level", "mode", "validation"));
        http.get().uri("/applications/{a}/policy", unique("nobody")).exchange().expectStatus().isNotFound();
    }

    @Test
    void enforcedPolicyRefusesABreakingDocumentWithItsViolationsAndStoresNothing() {
        setPolicy("{\"level\": \"BACKWARD\", \"mode\": \"enforce\"}");
        publishDocument(http, provider, "1.0.0", "main", itemsDocument("1", true)).expectStatus().isCreated();

        Map<String, Object> problem = json(publishDocument(http, provider, "2.0.0", "main", itemsDocument("2", false))
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat((String) problem.get("type")).endsWith("/policy-violation");
        assertThat(list(problem, "violations")).anySatisfy(violation -> assertThat(violation)
                .containsEntry("ruleId", "response-required-property-removed")
                .containsEntry("level", "ERR")
                .containsEntry("operation", "GET /items/{id}")
                .containsKey("message"));
        http.get().uri("/applications/{a}/versions/2.0.0/openapi", provider).exchange().expectStatus().isNotFound();

        String envelope = "{\"pacticipantVersionNumber\": \"3.0.0\", \"branch\": \"main\", \"contract\": {"
                + "\"content\": \"" + Base64.getEncoder().encodeToString(itemsDocument("3", false)
                        .getBytes(StandardCharsets.UTF_8)) + "\", \"contentType\": \"application/json\","
                + " \"specification\": \"oas\"}}";
        Map<String, Object> pactflowProblem = json(http.post().uri("/provider-contracts/provider/{p}/publish", provider)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(envelope).exchange()
                .expectStatus().isEqualTo(409));
        assertThat(list(pactflowProblem, "violations")).extracting(violation -> violation.get("ruleId"))
                .contains("response-required-property-removed");
        http.get().uri("/applications/{a}/versions/3.0.0/openapi", provider).exchange().expectStatus().isNotFound();

        publishDocument(http, provider, "2.1.0", "main", itemsDocument("2.1", true)).expectStatus().isCreated();
    }

    @Test
    void aChangeCompatibleWithThePreviousVersionButNotAnOlderOneViolatesOnlyATransitiveLevel() {
        publishDocument(http, provider, "1.0.0", "main", itemsDocument("1", true)).expectStatus().isCreated();
        publishDocument(http, provider, "2.0.0", "main", itemsDocument("2", false)).expectStatus().isCreated();
        publishDocument(http, provider, "0.1.0", "other", itemsDocument("0.1", true)).expectStatus().isCreated();

        setPolicy("{\"level\": \"BACKWARD_TRANSITIVE\", \"mode\": \"enforce\"}");
        Map<String, Object> problem = json(publishDocument(http, provider, "3.0.0", "main", itemsDocument("3", false))
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(list(problem, "violations")).isNotEmpty().allSatisfy(violation -> assertThat(violation)
                .containsEntry("baseVersion", "1.0.0")
                .containsEntry("direction", "BACKWARD")
                .containsKey("fingerprint"));
        assertThat(list(problem, "violations")).extracting(violation -> violation.get("ruleId"))
                .contains("response-required-property-removed");
        http.get().uri("/applications/{a}/versions/3.0.0/openapi", provider).exchange().expectStatus().isNotFound();

        setPolicy("{\"level\": \"FULL_TRANSITIVE\", \"mode\": \"warn\"}");
        publishDocument(http, provider, "3.0.1", "main", itemsDocument("3.0.1", false)).expectStatus().isCreated();
        Map<String, Object> report = awaitReport(http, provider, "3.0.1", EventTypes.CONTRACT_PUBLISHED);
        @SuppressWarnings("unchecked")
        Map<String, Object> flagged = (Map<String, Object>) report.get("policy");
        assertThat(flagged).containsEntry("level", "FULL_TRANSITIVE").containsEntry("flagged", true);
        assertThat(list(flagged, "violations")).extracting(violation -> violation.get("baseVersion"))
                .containsOnly("1.0.0");

        setPolicy("{\"level\": \"BACKWARD\", \"mode\": \"enforce\"}");
        publishDocument(http, provider, "3.0.0", "main", itemsDocument("3", false)).expectStatus().isCreated();
        Map<String, Object> accepted = awaitReport(http, provider, "3.0.0", EventTypes.CONTRACT_PUBLISHED);
        @SuppressWarnings("unchecked")
        Map<String, Object> backward = (Map<String, Object>) accepted.get("policy");
        assertThat(backward).containsEntry("flagged", false);
        assertThat(list(backward, "violations")).isEmpty();
    }

    @Test
    void warnPolicyStoresABreakingDocumentAndFlagsItsViolations() {
        publishDocument(http, provider, "1.0.0", "main", itemsDocument("1", true)).expectStatus().isCreated();
        publishDocument(http, provider, "2.0.0", "main", itemsDocument("2", false)).expectStatus().isCreated();

        Map<String, Object> report = awaitReport(http, provider, "2.0.0", EventTypes.CONTRACT_PUBLISHED);
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) report.get("policy");
        assertThat(policy).containsEntry("level", "BACKWARD").containsEntry("mode", "warn")
                .containsEntry("flagged", true).containsEntry("baseVersion", "1.0.0");
        assertThat(list(policy, "violations")).extracting(violation -> violation.get("ruleId"))
                .contains("response-required-property-removed");
        assertThat(report.get("compatible")).isEqualTo(false);
        http.get().uri("/compatibility-reports/{id}", report.get("id")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(report.get("id"))
                .jsonPath("$.policy.flagged").isEqualTo(true);
    }

    @Test
    void preMergeCheckNamesTheConsumerOperationFieldAndRuleAndStoresNothing() {
        publishDocument(http, provider, "1.0.0", "main", itemsDocument("1", true)).expectStatus().isCreated();
        publishPact(http, reader, "1", "main", provider, itemPact(reader, provider, true));
        publishPact(http, bystander, "1", "main", provider, itemPact(bystander, provider, false));
        awaitReport(http, bystander, "1", EventTypes.PACT_PUBLISHED);
        int reportsBefore = Contracts.reports(http, provider, "1.0.0").size();

        Map<String, Object> report = json(http.post().uri("/applications/{a}/pre-merge-check?branch=main", provider)
                .contentType(MediaType.parseMediaType("application/yaml"))
                .bodyValue(Contracts.itemsDocumentYamlWithoutQuantity())
                .exchange()
                .expectStatus().isOk());

        assertThat(report).doesNotContainKey("id").containsEntry("compatible", false);
        assertThat(list(report, "crossChecks")).hasSize(2);
        assertThat(list(report, "affectedConsumers")).singleElement().satisfies(affected -> {
            assertThat(affected).containsEntry("consumer", reader);
            assertThat(list(affected, "failures")).singleElement().satisfies(failure -> assertThat(failure)
                    .containsEntry("interaction", "get /items/42")
                    .containsEntry("operation", "GET /items/{id}")
                    .containsEntry("field", "quantity")
                    .containsEntry("ruleId", "response-required-property-removed"));
        });
        assertThat(list(list(report, "comparisons").get(0), "findings")).extracting(finding -> finding.get("ruleId"))
                .contains("response-required-property-removed");
        assertThat(list(list(report, "comparisons").get(0), "findings")).allSatisfy(finding -> assertThat(
                (String) finding.get("fingerprint")).matches("[0-9a-f]{16}"));

        assertThat(Contracts.reports(http, provider, "1.0.0")).hasSize(reportsBefore);
        Map<String, Object> history = json(http.get().uri("/applications/{a}/openapi", provider).exchange()
                .expectStatus().isOk());
        assertThat(list(history, "documents")).hasSize(1);
    }

    @Test
    void preMergeCheckAnswersProblemsForBadRequests() {
        publishDocument(http, provider, "1.0.0", "main", itemsDocument("1", true)).expectStatus().isCreated();

        http.post().uri("/applications/{a}/pre-merge-check", unique("nobody"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(itemsDocument("1", true)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/applications/{a}/pre-merge-check", provider).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        for (String malformed : List.of("{\"openapi\": ", "not: [valid", "{\"openapi\": \"4.0.0\"}",
                "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"x\", \"version\": \"1\"}, \"paths\": {\"/a\": {\"$ref\": \"https://evil.example/x.yaml\"}}}")) {
            http.post().uri("/applications/{a}/pre-merge-check", provider)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(malformed).exchange()
                    .expectStatus().isEqualTo(422)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").value(type -> assertThat((String) type).endsWith("/invalid-document"));
        }
    }

    private void setPolicy(String body) {
        http.put().uri("/applications/{a}/policy", provider).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isOk();
    }
}
