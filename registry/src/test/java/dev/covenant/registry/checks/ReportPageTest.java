package dev.covenant.registry.checks;

import static dev.covenant.registry.checks.Contracts.awaitReport;
import static dev.covenant.registry.checks.Contracts.itemPact;
import static dev.covenant.registry.checks.Contracts.itemsDocument;
import static dev.covenant.registry.checks.Contracts.publishDocument;
import static dev.covenant.registry.checks.Contracts.publishPact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.events.EventTypes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * A compatibility report explains itself: browsers following a report link get its page (what was compared, the
 * breaking findings first, who breaks and why), clients keep the JSON, and the UI's verdict badges link to it.
 */
@TestPropertySource(properties = "covenant.jobs.poll-interval=50ms")
class ReportPageTest extends RegistryTest {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    String provider = unique("items");
    String reader = unique("stock-ui");

    private Map<String, Object> breakingReport() {
        publishDocument(http, provider, "1.0.0", "main", itemsDocument("1", true)).expectStatus().isCreated();
        publishPact(http, reader, "1", "main", provider, itemPact(reader, provider, true));
        awaitReport(http, reader, "1", EventTypes.PACT_PUBLISHED);
        publishDocument(http, provider, "2.0.0", "main", itemsDocument("2", false)).expectStatus().isCreated();
        return awaitReport(http, provider, "2.0.0", EventTypes.CONTRACT_PUBLISHED);
    }

    private String page(String uri) {
        return http.get().uri(uri).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void browsersOpeningAReportLinkGetItsPageWhileClientsKeepTheJson() {
        String id = (String) breakingReport().get("id");

        http.get().uri("/compatibility-reports/{id}", id).header("Accept", BROWSER).exchange()
                .expectStatus().isEqualTo(HttpStatus.SEE_OTHER)
                .expectHeader().location("/ui/reports/" + id);
        for (String accept : new String[] {"application/json", "*/*", "application/hal+json", BROWSER.replace(
                "text/html,", "text/html,application/json,")}) {
            http.get().uri("/compatibility-reports/{id}", id).header("Accept", accept).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.compatible").isEqualTo(false);
        }
        http.get().uri("/compatibility-reports?application={a}", provider).header("Accept", BROWSER).exchange()
                .expectStatus().isOk();
    }

    @Test
    void reportPageNamesTheTriggerTheComparisonTheBrokenConsumerAndLinksToDiffAndPact() {
        String id = (String) breakingReport().get("id");

        String html = page("/ui/reports/" + id);
        assertThat(html).contains("id=\"verdict\"").contains(">breaking<")
                .contains("an OpenAPI document was published")
                .contains(provider + " 1.0.0 → 2.0.0").contains("previous on branch main")
                .contains("response-required-property-removed").contains("GET /items/{id}")
                .contains(">quantity<")
                .contains("/ui/applications/" + provider + "/diff?from=1.0.0&amp;to=2.0.0")
                .contains("/ui/pacts/" + provider + "/" + reader + "?version=1");
        int consumers = html.indexOf("Consumers this change breaks");
        assertThat(html.indexOf(reader, consumers)).as("the broken consumer is named in its section").isPositive();
        int findings = html.indexOf("class=\"findings\"");
        int firstErr = html.indexOf(">ERR<", findings);
        assertThat(firstErr).isPositive();
        assertThat(html.substring(findings, firstErr)).doesNotContain(">WARN<").doesNotContain(">INFO<");
    }

    @Test
    void verdictBadgesOnTheApplicationPageAndTheCatalogLinkToTheReport() {
        String id = (String) breakingReport().get("id");

        assertThat(page("/ui/applications/" + provider)).contains("href=\"/ui/reports/" + id + "\"");
        assertThat(page("/ui")).contains("href=\"/ui/reports/" + id + "\"");
    }

    @Test
    void anUnknownReportIsANotFoundPageForBrowsersAndProblemJsonForClients() {
        http.get().uri("/ui/reports/no-such-report").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isNotFound()
                .expectBody(String.class).value(html -> assertThat(html).contains("No compatibility report with id"));
        http.get().uri("/compatibility-reports/no-such-report").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
