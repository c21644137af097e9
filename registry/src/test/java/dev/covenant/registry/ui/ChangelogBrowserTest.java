package dev.covenant.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;

import dev.covenant.registry.ItemsDocument;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.springframework.http.MediaType;

/**
 * The changelog page in Chromium: each version with its changes from the one it replaced, the breaking version
 * marked and its breaking change listed first with its fingerprint, and a link to the side-by-side diff whose row
 * carries the same fingerprint.
 */
class ChangelogBrowserTest extends BrowserTest {

    private final String provider = unique("items");

    @Test
    void changelogShowsEachVersionWithItsChangesBreakingFirstAndLinksToTheDiff() {
        publish("1.0.0", true);
        publish("2.0.0", false);
        publish("2.0.1", false);

        var driver = browser.driver;
        driver.get(baseUrl() + "/ui/applications/" + provider);
        driver.findElement(By.linkText("Changelog")).click();
        waitFor(By.id("v-2.0.0"));
        browser.screenshot("20-changelog");

        List<String> versions = driver.findElements(By.cssSelector("article.version h2 > span:first-child")).stream()
                .map(WebElement::getText).toList();
        assertThat(versions).containsExactly("2.0.1", "2.0.0", "1.0.0");
        WebElement breaking = driver.findElement(By.id("v-2.0.0"));
        assertThat(breaking.findElements(By.cssSelector("h2 .badge.err"))).singleElement()
                .satisfies(badge -> assertThat(badge.getText()).isEqualTo("breaking"));
        assertThat(driver.findElement(By.id("v-2.0.1")).findElements(By.cssSelector("h2 .badge.err"))).isEmpty();
        assertThat(driver.findElement(By.id("v-1.0.0")).getText()).contains("The first document.");

        WebElement first = breaking.findElement(By.cssSelector("ul.changes li"));
        assertThat(first.findElement(By.cssSelector(".badge")).getText()).isEqualTo("ERR");
        assertThat(first.getText()).contains("response-required-property-removed");
        String fingerprint = first.findElement(By.cssSelector("code.fingerprint")).getText();
        assertThat(fingerprint).matches("[0-9a-f]{16}");

        breaking.findElement(By.linkText("side by side")).click();
        waitFor(By.id("f-" + fingerprint));
        assertThat(driver.getCurrentUrl()).contains("/ui/applications/" + provider + "/diff")
                .contains("from=1.0.0").contains("to=2.0.0");
        assertThat(driver.findElement(By.id("f-" + fingerprint)).getText())
                .contains("response-required-property-removed");
        browser.screenshot("21-changelog-diff");
    }

    private void waitFor(By locator) {
        try {
            browser.wait.until(presenceOfElementLocated(locator));
        } catch (TimeoutException e) {
            browser.screenshot("20-changelog-failed");
            throw new AssertionError("page shows: " + browser.driver.findElement(By.tagName("main")).getText(), e);
        }
    }

    private void publish(String version, boolean withQuantity) {
        http.put().uri("/applications/{a}/versions/{v}/openapi?branch=main", provider, version)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ItemsDocument.json(version, withQuantity)).exchange()
                .expectStatus().isCreated();
    }
}
