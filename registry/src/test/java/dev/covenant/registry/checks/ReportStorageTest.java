package dev.covenant.registry.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.events.Audience;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

/**
 * Reports through the embedded MongoDB server: every part reads back as the record it was stored as, and the shapes
 * earlier versions stored (before failure counts, fingerprints, coverage, self-verification, the policy's newer
 * settings and the agreement verdict) still read, are served and render.
 */
class ReportStorageTest extends RegistryTest {

    @Autowired
    ReportStore reports;

    @Autowired
    MongoDatabase database;

    @Test
    void everyPartOfADocumentsReportReadsBackAsTheRecordItWasStoredAs() {
        Failure failure = new Failure("get /items/42", "GET /items/{id}", null, "quantity", "response.body.incompatible",
                "[root].interactions[0].response.body", "property 'quantity' is not declared", "response-required-property-removed");
        ReportFinding finding = new ReportFinding("response-required-property-removed", "ERR", "GET /items/{id}",
                "quantity was removed", "/paths/~1items~1{id}/get", null, "8ed3a5145da652df");
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("INFO", 0);
        counts.put("WARN", 2);
        counts.put("ERR", 1);
        Report report = new Report(unique("report"), "items", "2.0.0", "main", "contract.published",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), false, "items 2.0.0: 1 breaking change(s)",
                List.of(new DocumentComparison("items", "1.0.0", List.of("previous on branch main"), counts,
                        List.of(finding), true)),
                List.of(new PactCheck("stock-ui", "1", "items", "2.0.0", "a".repeat(64), false, 3, List.of(failure),
                                new PactCheck.Counted(1, false, "1 message interaction needs a provider verification"),
                                List.of("1", "1.1"), List.of("latest on main branch main"), "none"),
                        new PactCheck("catalog-ui", "7", "items", "2.0.0", "b".repeat(64), true, 0, List.of(), null,
                                null, List.of(), null)),
                List.of(new AffectedConsumer("stock-ui", "shop", List.of("1", "1.1"), 3, List.of(failure)),
                        new AffectedConsumer("other-ui", null, List.of("4"), 0, List.of())),
                new ReportPolicy.Judged("BACKWARD", "warn", "optional", "lenient", "require", "1.0.0",
                        List.of(new PolicyViolation("response-required-property-removed", "ERR", "GET /items/{id}",
                                "quantity was removed", "8ed3a5145da652df", "BACKWARD", "1.0.0")),
                        true, new ReportPolicy.Agreement("require", "p-1", 2, false, List.of(finding),
                                List.of(new ReportPolicy.Unagreed("response-required-property-removed", "ERR",
                                        "GET /items/{id}", "quantity was removed", "8ed3a5145da652df",
                                        List.of("shop"), List.of("stock-ui"))), true)),
                List.of(new Audience("stock-ui", "shop", "consumer", List.of(new Audience.Concern("get /items/42",
                        "GET /items/{id}", "quantity", "response.body.incompatible",
                        "response-required-property-removed", "property 'quantity' is not declared", null)))));

        Report read = reports.insert(report).then(reports.find(report.id())).block();

        assertThat(read).isEqualTo(report);
    }

    @Test
    void aPactsReportReadsBackWithItsEmptyPolicy() {
        Report report = new Report(unique("report"), "stock-ui", "1", null, "pact.published",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), true, "Pact of stock-ui 1 with items: satisfied", List.of(),
                List.of(new PactCheck("stock-ui", "1", "items", "1.0.0", "c".repeat(64), true, 0, List.of(),
                        new PactCheck.Counted(2, true, null), null, List.of("latest on main branch main"), "passed")),
                List.of(), new ReportPolicy.NotJudged(), List.of());

        Report read = reports.insert(report).then(reports.find(report.id())).block();

        assertThat(read).isEqualTo(report);
        assertThat(read.policy()).isInstanceOf(ReportPolicy.NotJudged.class);
    }

    /** A document's report as the first version stored it (2026-11-26). */
    @Test
    void aDocumentsReportInTheFirstStoredShapeReadsIsServedAndRenders() {
        String id = unique("old-report");
        Document failure = new Document("interaction", "get /items/42").append("operation", "GET /items/{id}")
                .append("field", "quantity").append("code", "response.body.incompatible")
                .append("pointer", "[root].interactions[0].response.body").append("message", "not declared")
                .append("ruleId", "response-required-property-removed");
        Document stored = new Document("_id", id).append("application", "old-items").append("version", "2.0.0")
                .append("branch", "main").append("trigger", "contract.published").append("compatible", false)
                .append("summary", "old-items 2.0.0: 1 breaking change(s) since 1.0.0")
                .append("comparisons", List.of(new Document("kind", "document-diff")
                        .append("base", new Document("version", "1.0.0").append("application", "old-items"))
                        .append("reasons", List.of("previous on branch main"))
                        .append("counts", new Document("INFO", 0).append("WARN", 0).append("ERR", 1))
                        .append("findings", List.of(new Document("ruleId", "response-required-property-removed")
                                .append("level", "ERR").append("operation", "GET /items/{id}")
                                .append("message", "quantity was removed").append("basePointer", "/paths")
                                .append("revisionPointer", null)))
                        .append("truncated", false)))
                .append("crossChecks", List.of(new Document("consumer", "old-stock-ui").append("consumerVersion", "1")
                        .append("provider", "old-items").append("providerVersion", "2.0.0")
                        .append("pactSha", "d".repeat(64)).append("success", false)
                        .append("failures", List.of(failure, failure))
                        .append("consumerVersions", List.of("1")).append("reasons", List.of("latest on main branch"))))
                .append("affectedConsumers", List.of(new Document("consumer", "old-stock-ui").append("team", null)
                        .append("consumerVersions", List.of("1")).append("failures", List.of(failure))))
                .append("policy", new Document("level", "BACKWARD").append("mode", "warn").append("baseVersion", "1.0.0")
                        .append("violations", List.of(new Document("ruleId", "response-required-property-removed")
                                .append("level", "ERR").append("operation", "GET /items/{id}")
                                .append("message", "quantity was removed").append("direction", "BACKWARD")
                                .append("baseVersion", "1.0.0")))
                        .append("flagged", true))
                .append("createdAt", new Date())
                .append("audience", List.of(new Document("application", "old-stock-ui").append("team", null)
                        .append("role", "consumer").append("failures", List.of(new Document("interaction", "get /items/42")
                                .append("operation", "GET /items/{id}").append("field", "quantity")
                                .append("ruleId", "response-required-property-removed")
                                .append("code", "response.body.incompatible").append("message", "not declared")))));
        Mono.from(database.getCollection("compatibility_reports").insertOne(stored)).block();

        Report read = reports.find(id).block();

        assertThat(read.comparisons()).singleElement().satisfies(comparison -> {
            assertThat(comparison.baseVersion()).isEqualTo("1.0.0");
            assertThat(comparison.counts()).containsEntry("ERR", 1);
            assertThat(comparison.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.breaking()).isTrue();
                assertThat(finding.fingerprint()).isNull();
            });
        });
        assertThat(read.crossChecks()).singleElement().satisfies(check -> {
            assertThat(check.failureCount()).as("counted from the failures listed").isEqualTo(2);
            assertThat(check.coverage()).isNull();
            assertThat(check.selfVerification()).isNull();
            assertThat(check.consumerVersions()).containsExactly("1");
        });
        assertThat(read.affectedConsumers()).singleElement().satisfies(affected -> {
            assertThat(affected.failureCount()).isEqualTo(1);
            assertThat(affected.failures()).singleElement().extracting(Failure::field).isEqualTo("quantity");
        });
        assertThat(read.policy()).isInstanceOfSatisfying(ReportPolicy.Judged.class, policy -> {
            assertThat(policy.level()).isEqualTo("BACKWARD");
            assertThat(policy.validation()).isNull();
            assertThat(policy.agreementVerdict()).isNull();
            assertThat(policy.flagged()).isTrue();
            assertThat(policy.violations()).singleElement().satisfies(violation -> {
                assertThat(violation.direction()).isEqualTo("BACKWARD");
                assertThat(violation.fingerprint()).isNull();
            });
        });
        assertThat(read.audience()).singleElement().satisfies(audience -> {
            assertThat(audience.role()).isEqualTo("consumer");
            assertThat(audience.failures()).singleElement().extracting(Audience.Concern::field).isEqualTo("quantity");
        });

        http.get().uri("/compatibility-reports/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.crossChecks[0].failureCount").isEqualTo(2)
                .jsonPath("$.crossChecks[0].interactionsChecked").doesNotExist()
                .jsonPath("$.comparisons[0].base.version").isEqualTo("1.0.0")
                .jsonPath("$.policy.violations[0].direction").isEqualTo("BACKWARD")
                .jsonPath("$.policy.agreementVerdict").doesNotExist()
                .jsonPath("$.audience").doesNotExist();
        String page = http.get().uri("/ui/reports/{id}", id).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("old-stock-ui", "response-required-property-removed", "quantity");
    }

    /** A pact's report as stored before coverage and self-verification were recorded (its policy without a level). */
    @Test
    void aPactsReportInAnEarlierShapeReadsWithAnEmptyPolicy() {
        String id = unique("old-pact-report");
        Document stored = new Document("_id", id).append("application", "old-stock-ui").append("version", "1")
                .append("trigger", "pact.published").append("compatible", true).append("summary", "satisfied")
                .append("comparisons", List.of())
                .append("crossChecks", List.of(new Document("consumer", "old-stock-ui").append("consumerVersion", "1")
                        .append("provider", "old-items").append("providerVersion", "1.0.0")
                        .append("pactSha", "e".repeat(64)).append("success", true).append("failureCount", 0)
                        .append("failures", List.of()).append("reasons", List.of("latest"))))
                .append("affectedConsumers", List.of())
                .append("policy", new Document("level", null).append("mode", null).append("baseVersion", null)
                        .append("violations", List.of()).append("flagged", false))
                .append("createdAt", new Date());
        Mono.from(database.getCollection("compatibility_reports").insertOne(stored)).block();

        Report read = reports.find(id).block();

        assertThat(read.policy()).isInstanceOf(ReportPolicy.NotJudged.class);
        assertThat(read.branch()).isNull();
        assertThat(read.audience()).isEmpty();
        assertThat(read.crossChecks()).singleElement().satisfies(check -> {
            assertThat(check.consumerVersions()).isNull();
            assertThat(check.coverage()).isNull();
        });
        http.get().uri("/compatibility-reports/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.branch").doesNotExist()
                .jsonPath("$.policy.violations").isEmpty()
                .jsonPath("$.policy.flagged").isEqualTo(false)
                .jsonPath("$.crossChecks[0].consumerVersions").doesNotExist();
    }
}
