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
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(PreMergeReportFormatterTest.class.getResourceAsStream("/fixtures/pre-merge-report.json"),
                        PreMergeReport.class);
    }

    @Test
    void textNamesTheConsumerTeamOperationFieldAndRule() throws IOException {
        String text = PreMergeReportFormatter.format(OutputFormat.TEXT, "inventory-service", "main", report());

        assertThat(text).contains("inventory-service into main: INCOMPATIBLE",
                "ERR response-required-property-removed  GET /items/{id}",
                "Breaks consumer order-service (team orders):",
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
