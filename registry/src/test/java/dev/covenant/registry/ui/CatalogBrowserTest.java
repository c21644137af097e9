package dev.covenant.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A person browsing the registry in a real browser: from the catalog, search a field, open the API that has it,
 * see an operation and its consumers, open the diff with a breaking change, and find the failed verification in
 * the can-i-deploy matrix. Every step asserts on what is on screen and leaves a screenshot in
 * registry/target/screenshots.
 */
class CatalogBrowserTest extends BrowserTest {

    private WebElement visible(By locator) {
        try {
            return browser.wait.until(visibilityOfElementLocated(locator));
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.screenshot("failed-" + System.currentTimeMillis());
            throw new AssertionError("Not shown: " + locator + " on " + browser.driver.getCurrentUrl()
                    + "\nBrowser console:\n" + browser.console(), e);
        }
    }

    private void waitForText(By locator, String text) {
        browser.wait.until(textToBePresentInElementLocated(locator, text));
    }

    @Test
    void fromTheCatalogToAFailedVerificationInTheMatrix() {
        UiScenario scenario = new UiScenario(http, Long.toHexString(System.nanoTime())).seed();
        var driver = browser.driver;

        // The catalog: a browser opening the registry's root lands on it.
        driver.get(baseUrl() + "/");
        waitForText(By.tagName("h1"), "Catalog");
        assertThat(driver.getCurrentUrl()).endsWith("/ui");
        WebElement team = visible(By.xpath("//section[h2[contains(., '" + scenario.providerTeam + "')]]"));
        assertThat(team.findElement(By.linkText(scenario.provider)).isDisplayed()).isTrue();
        assertThat(team.getText()).contains("failing");
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        browser.screenshot("01-catalog");

        // Search a field name from the keyboard: where is customerId used?
        WebElement search = driver.findElement(By.id("site-search"));
        search.sendKeys("customerId", Keys.ENTER);
        waitForText(By.tagName("h1"), "Where is customerId used?");
        WebElement results = visible(By.cssSelector("table.hits"));
        assertThat(results.getText()).contains(scenario.provider).contains("schema Order")
                .contains(scenario.consumer).contains("reads customerId from " + scenario.provider);
        browser.screenshot("02-search");

        // Open the API that defines it: the rendered reference and who uses which operation.
        results.findElement(By.xpath(".//tr[td[contains(., 'schema Order')] and td/a[normalize-space() = '"
                + scenario.provider + "']]//th/a")).click();
        waitForText(By.tagName("h1"), "Orders");
        WebElement usage = visible(By.id("op-get-orders-id-"));
        assertThat(usage.getText()).contains("GET /orders/{id}").contains(scenario.consumer).contains("customerId");
        WebElement rendered = visible(By.cssSelector("#swagger-ui .opblock-summary-path"));
        assertThat(driver.findElements(By.cssSelector("#swagger-ui .opblock-summary-path")).stream()
                .map(WebElement::getText).toList()).contains("/orders/{id}", "/orders");
        assertThat(rendered.isDisplayed()).isTrue();
        waitForText(By.cssSelector("#swagger-ui .opblock-get .covenant-usage"), "used by " + scenario.consumer);
        assertThat(driver.findElement(By.cssSelector("#swagger-ui .opblock-get .covenant-usage")).getText())
                .contains("customerId");
        assertThat(driver.findElement(By.cssSelector("#swagger-ui .opblock-post .covenant-usage")).getText())
                .isEqualTo("no consumer");
        browser.screenshot("03-api");

        // History and diff: the second version breaks the consumer.
        browser.wait.until(elementToBeClickable(By.linkText("History and diff"))).click();
        waitForText(By.id("findings-h"), "breaking");
        List<WebElement> rows = driver.findElements(By.cssSelector("table.findings tbody tr"));
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).getText()).startsWith("ERR");
        assertThat(driver.findElement(By.cssSelector("table.findings")).getText())
                .contains("response-property-type-changed");
        assertThat(visible(By.cssSelector(".side-by-side .line.added")).getText()).isNotBlank();
        browser.screenshot("04-diff");

        // Can the consumer go to production, where the provider's failing version runs? No.
        driver.findElement(By.linkText("Can I deploy?")).click();
        waitForText(By.tagName("h1"), "Can I deploy?");
        new Select(driver.findElement(By.id("application"))).selectByVisibleText(scenario.consumer);
        driver.findElement(By.id("version")).sendKeys("1.0.0");
        new Select(driver.findElement(By.id("environment"))).selectByVisibleText(scenario.environment);
        driver.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        waitForText(By.id("decision"), "No");
        WebElement matrix = visible(By.cssSelector("table.matrix"));
        assertThat(matrix.getText()).contains(scenario.consumer).contains(scenario.provider).contains("2.0.0")
                .contains("failed");
        browser.screenshot("05-matrix");

        // The failed verification, on the pact it belongs to.
        matrix.findElement(By.linkText("failed")).click();
        waitForText(By.id("verification-status"), "verification failed");
        assertThat(driver.findElement(By.id("cross-check")).getText()).contains("incompatible");
        assertThat(driver.findElement(By.cssSelector(".interaction")).getText()).contains("GET /orders/42")
                .contains("customerId");
        browser.screenshot("06-pact");
    }

    @Test
    void pagesFitANarrowScreenAndTheNotificationPageFollowsTheStream() {
        new UiScenario(http, Long.toHexString(System.nanoTime())).seed();
        var driver = browser.driver;
        driver.manage().window().setSize(new Dimension(375, 800));
        try {
            driver.get(baseUrl() + "/ui");
            waitForText(By.tagName("h1"), "Catalog");
            Long overflow = (Long) driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).isLessThanOrEqualTo(1L);
            browser.screenshot("07-catalog-narrow");

            driver.get(baseUrl() + "/ui/notifications");
            waitForText(By.id("live-status"), "Live");
            assertThat(driver.findElement(By.id("log-h")).isDisplayed()).isTrue();
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("Parked deliveries")
                    .doesNotContain("Nothing has been recorded yet");
            browser.screenshot("08-notifications-narrow");

            driver.get(baseUrl() + "/ui/graph");
            WebElement graph = visible(By.cssSelector(".graph-wrap svg"));
            assertThat(graph.findElements(By.cssSelector("a.edge-failed"))).isNotEmpty();
            browser.screenshot("09-graph-narrow");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }
}
