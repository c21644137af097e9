package dev.covenant.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Pages show times in the reader's time zone: a browser in Kathmandu (UTC+05:45, so neither the hour nor the minute
 * can come out right by accident) sees each version's and verification's time converted from the UTC the server
 * wrote, with the zone named, and the UTC time in the element's title. The conversion is the page's own script
 * (the content security policy allows scripts from the registry only).
 */
class LocalTimesBrowserTest extends BrowserTest {

    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(KATHMANDU);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneId.of("UTC"));

    @Test
    void timesAreShownInTheBrowsersTimeZoneWithTheUtcTimeInTheTitle() {
        UiScenario scenario = new UiScenario(http, Long.toHexString(System.nanoTime())).seed();
        var driver = browser.driver;
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", KATHMANDU.getId()));
        try {
            driver.get(baseUrl() + "/ui/applications/" + scenario.provider);
            assertLocal(browser.wait.until(presenceOfElementLocated(By.cssSelector("time[datetime]"))));
            List<WebElement> versions = driver.findElements(By.cssSelector("time[datetime]"));
            assertThat(versions).as("the versions' times").isNotEmpty().allSatisfy(LocalTimesBrowserTest::assertLocal);
            browser.screenshot("local-times-application");

            driver.get(baseUrl() + "/ui/matrix?application=" + scenario.consumer + "&version=1.0.0&environment="
                    + scenario.environment);
            List<WebElement> verified = browser.wait.until(driver1 -> {
                List<WebElement> found = driver1.findElements(By.cssSelector("table.matrix time[datetime]"));
                return found.isEmpty() ? null : found;
            });
            assertThat(verified).as("the verifications' times").allSatisfy(LocalTimesBrowserTest::assertLocal);
        } finally {
            driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
        }
    }

    /** Shown in Kathmandu's time, named; the server's UTC text in the title. */
    private static void assertLocal(WebElement time) {
        Instant at = java.time.OffsetDateTime.parse(time.getAttribute("datetime").replace("Z", ":00Z")).toInstant();
        assertThat(time.getText()).as("shown").isEqualTo(LOCAL.format(at) + " GMT+5:45");
        assertThat(time.getAttribute("title")).as("title").isEqualTo(UTC.format(at));
    }
}
