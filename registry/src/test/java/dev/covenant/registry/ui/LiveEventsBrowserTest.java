package dev.covenant.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.springframework.http.MediaType;

/**
 * The notification page follows the registry's real {@code /events/stream}: a document and a pact published
 * through the HTTP API while the page is open appear on it without a reload.
 */
class LiveEventsBrowserTest extends BrowserTest {

    @Test
    void notificationPageShowsNewEventsFromTheRealStreamWithoutAReload() {
        String provider = unique("live-orders");
        String consumer = unique("live-shop");
        var driver = browser.driver;
        driver.get(baseUrl() + "/ui/notifications");
        waitFor("live-status", "Live");
        Object page = driver.executeScript("return window.performance.timeOrigin;");

        http.put().uri("/applications/{a}/versions/{v}/openapi?branch=main", provider, "1.0.0")
                .contentType(MediaType.parseMediaType("application/yaml"))
                .bodyValue(UiScenario.document("1.0.0", false))
                .exchange().expectStatus().isCreated();
        waitFor("live-events", "contract.published " + provider + " 1.0.0");

        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/{v}?branch=main", provider, consumer, "3.1.0")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(UiScenario.pact(consumer, provider))
                .exchange().expectStatus().is2xxSuccessful();
        waitFor("live-events", "pact.published " + consumer + " 3.1.0");

        // Newest first; the checks' own compatibility.checked events may arrive in between.
        List<String> items = driver.findElements(By.cssSelector("#live-events li")).stream()
                .map(WebElement::getText).toList();
        int pact = indexOf(items, "pact.published " + consumer + " 3.1.0");
        int contract = indexOf(items, "contract.published " + provider + " 1.0.0");
        assertThat(pact).as("the pact event is listed: %s", items).isNotNegative();
        assertThat(contract).as("the contract event is listed: %s", items).isGreaterThan(pact);
        assertThat(driver.findElement(By.id("live-status")).getText()).startsWith("Live");
        assertThat(driver.executeScript("return window.performance.timeOrigin;")).isEqualTo(page);
        browser.screenshot("10-live-events");
    }

    private static int indexOf(List<String> items, String prefix) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private void waitFor(String id, String text) {
        try {
            browser.wait.until(textToBePresentInElementLocated(By.id(id), text));
        } catch (TimeoutException e) {
            browser.screenshot("10-live-events-failed");
            throw new AssertionError("waited for \"" + text + "\" in #" + id + "; page shows: "
                    + browser.driver.findElement(By.tagName("main")).getText() + "\nconsole:\n" + browser.console(), e);
        }
    }
}
