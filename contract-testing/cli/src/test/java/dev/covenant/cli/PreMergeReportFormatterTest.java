package dev.covenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.covenant.client.Results.PreMergeReport;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The pre-merge report as docs/design/contracts-between-parts.md fixes its shape (issue 5), read the way the client
 * reads it and printed by {@code covenant check}. The command itself runs against the registry in examples/end-to-end.
 */
class PreMergeReportFormatterTest {

    private static PreMergeReport report() throws IOException {
        return report("pre-merge-report.json");
    }

    private static PreMergeReport report(String fixture) throws IOException {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(PreMergeReportFormatterTest.class.getResourceAsStream("/fixtures/" + fixture),
                        PreMergeReport.class);
    }

    @Test
    void aConsumerAlreadyFailingIsReportedAndMarkdownIsNotGreen() throws IOException {
        PreMergeReport report = report("pre-merge-already-broken.json");

        String text = PreMergeReportFormatter.format(OutputFormat.TEXT, "inventory-service", "main", report);
        String markdown = PreMergeReportFormatter.format(OutputFormat.MARKDOWN, "inventory-service", "main", report);

        assertThat(text).startsWith("inventory-service into main: compatible (breaks nothing new), but 1 consumer already fails\n")
                .contains("Already failing before this change: consumer billing 0.9.0 (deployed in production):",
                        "GET /items  request.query.unknown  field request.query.colour  interaction \"list items by colour\"")
                .doesNotContain("order-service");
        assertThat(markdown).doesNotContain("✅").startsWith("### ⚠️ `inventory-service` into `main`: breaks nothing new,"
                + " but 1 consumer already fails")
                .contains("| billing | 0.9.0 (deployed in production) | GET /items | request.query.colour | `request.query.unknown` |");
    }

    @Test
    void aCompatibleReportWithEveryPactHoldingStaysGreen() throws IOException {
        PreMergeReport report = report("pre-merge-already-broken.json");
        PreMergeReport allHold = new PreMergeReport(report.application(), true, report.comparisons(),
                report.crossChecks().subList(0, 1), report.affectedConsumers(), report.policy());

        assertThat(PreMergeReportFormatter.format(OutputFormat.MARKDOWN, "inventory-service", "main", allHold))
                .startsWith("### ✅ `inventory-service` into `main`: compatible").doesNotContain("Already failing");
        assertThat(PreMergeReportFormatter.format(OutputFormat.TEXT, "inventory-service", "main", allHold))
                .isEqualTo("inventory-service into main: compatible\n");
    }

    @Test
    void aBrokenConsumerNamesTheVersionsThatBreakAndWhereTheyRun() throws IOException {
        String text = PreMergeReportFormatter.format(OutputFormat.TEXT, "inventory-service", "main", report());
        String markdown = PreMergeReportFormatter.format(OutputFormat.MARKDOWN, "inventory-service", "main", report());

        assertThat(text).contains("Breaks consumer order-service (team orders) 1.0.0:").doesNotContain("Already failing");
        assertThat(markdown).startsWith("### ❌").contains("- breaks `order-service` 1.0.0");
    }

    @Test
    void textNamesTheConsumerTeamOperationFieldAndRule() throws IOException {
        String text = PreMergeReportFormatter.format(OutputFormat.TEXT, "inventory-service", "main", report());

        assertThat(text).contains("inventory-service into main: INCOMPATIBLE",
                "ERR response-required-property-removed  GET /items/{id}",
                "Breaks consumer order-service (team orders) 1.0.0:",
                "GET /items/{id}  response.body.incompatible  field name  rule response-required-property-removed  interaction \"a request for item 42\"  [root].interactions[0].response.body.name");
    }

    @Test
    void markdownIsAPullRequestComment() throws IOException {
        String markdown = PreMergeReportFormatter.format(OutputFormat.MARKDOWN, "inventory-service", "main", report());

        assertThat(markdown).contains("breaks consumers", "| order-service | orders | GET /items/{id} | name | `response-required-property-removed` | `response.body.incompatible` |",
                "`response-required-property-removed`");
    }

    @Test
    void jsonKeepsTheFields() throws IOException {
        String json = PreMergeReportFormatter.format(OutputFormat.JSON, "inventory-service", "main", report());

        assertThat(new ObjectMapper().readTree(json).path("affectedConsumers").get(0).path("team").asText())
                .isEqualTo("orders");
    }
}
