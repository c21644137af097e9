package dev.covenant.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;

import dev.covenant.registry.ItemsDocument;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * The report link a notification carries, opened in Chromium: a compatible report (pass) and a breaking one
 * (fail), reached from the application page's verdict badge, and the breaking one at 375 px.
 */
@TestPropertySource(properties = "covenant.jobs.poll-interval=50ms")
class ReportBrowserTest extends BrowserTest {

    private final String provider = unique("items");
    private final String consumer = unique("stock-ui");

    @Test
    void theReportLinkOpensAPageThatExplainsAPassAndAFail() {
        publishDocument("1.0.0", true);
        publishPact();
        String passing = awaitReport(consumer, "1");
        publishDocument("2.0.0", false);
        String failing = awaitReport(provider, "2.0.0");
        var driver = browser.driver;

        driver.get(baseUrl() + "/compatibility-reports/" + passing);
        browser.wait.until(presenceOfElementLocated(By.id("verdict")));
        assertThat(driver.getCurrentUrl()).endsWith("/ui/reports/" + passing);
        assertThat(driver.findElement(By.id("verdict")).getText()).isEqualTo("compatible");
        assertThat(driver.findElement(By.id("main")).getText()).contains("a consumer pact was published")
                .contains(consumer).contains("holds");
        browser.screenshot("20-report-compatible");

        driver.get(baseUrl() + "/ui/applications/" + provider);
        browser.wait.until(presenceOfElementLocated(By.id("latest-report")));
        driver.findElement(By.id("latest-report")).click();
        browser.wait.until(presenceOfElementLocated(By.id("verdict")));
        assertThat(driver.getCurrentUrl()).endsWith("/ui/reports/" + failing);
        assertThat(driver.findElement(By.id("verdict")).getText()).isEqualTo("breaking");
        String main = driver.findElement(By.id("main")).getText();
        assertThat(main).contains("Consumers this change breaks").contains(consumer).contains("quantity")
                .contains("response-required-property-removed").contains("1.0.0 → 2.0.0");
        browser.screenshot("21-report-breaking");

        driver.findElement(By.linkText("Diff")).click();
        browser.wait.until(presenceOfElementLocated(By.id("findings-h")));
        assertThat(driver.getCurrentUrl()).contains("/diff?from=1.0.0&to=2.0.0");

        Dimension wide = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(375, 900));
            driver.get(baseUrl() + "/ui/reports/" + failing);
            browser.wait.until(presenceOfElementLocated(By.id("verdict")));
            Object overflow = driver.executeScript(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
            assertThat(overflow).as("the page fits 375 px without sideways scrolling").isEqualTo(false);
            browser.screenshot("22-report-breaking-375");
        } finally {
            driver.manage().window().setSize(wide);
        }
    }

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @SuppressWarnings("unchecked")
    private String awaitReport(String application, String version) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<String, Object> body = http.get().uri("/compatibility-reports?application={a}&version={v}", application,
                    version).accept(MediaType.APPLICATION_JSON).exchange().expectBody(JSON).returnResult().getResponseBody();
            List<Map<String, Object>> reports = (List<Map<String, Object>>) ((Map<String, Object>) body.get("_embedded"))
                    .get("reports");
            return reports.isEmpty() ? null : (String) reports.get(0).get("id");
        }, id -> id != null);
    }

    private void publishDocument(String version, boolean withQuantity) {
        http.put().uri("/applications/{a}/versions/{v}/openapi?branch=main", provider, version)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ItemsDocument.json(version, withQuantity))
                .exchange().expectStatus().isCreated();
    }

    private void publishPact() {
        String pact = """
                {"consumer": {"name": "%s"}, "provider": {"name": "%s"},
                 "interactions": [{"description": "get item 42", "request": {"method": "GET", "path": "/items/42"},
                   "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                                "body": {"id": "42", "quantity": 3}}}],
                 "metadata": {"pactSpecification": {"version": "3.0.0"}}}
                """.formatted(consumer, provider);
        http.put().uri("/pacticipants/{c}/branches/main/versions/1", consumer).exchange().expectStatus().isOk();
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact).exchange().expectStatus().is2xxSuccessful();
    }
}
