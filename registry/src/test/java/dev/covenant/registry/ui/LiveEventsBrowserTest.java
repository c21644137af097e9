package dev.covenant.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import dev.covenant.registry.CovenantRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notification page shows new events as they arrive, without a reload, from a Server-Sent Events stream
 * (a stand-in for issue 5's {@code /events/stream}, see {@link StandInEventStream}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = CovenantRegistry.class,
        properties = {"covenant.ui.event-stream=" + StandInEventStream.PATH, "covenant.test.stand-in-event-stream=true"})
class LiveEventsBrowserTest {

    private static Browser browser;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void ownStore(DynamicPropertyRegistry registry) {
        try {
            String dir = Files.createTempDirectory("covenant-live-events").toString();
            registry.add("covenant.storage.data-dir", () -> dir);
            registry.add("covenant.storage.mongodb-uri", () -> "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void notificationPageShowsNewEventsWithoutAReload() {
        var driver = browser.driver;
        driver.get("http://localhost:" + port + "/ui/notifications");
        browser.wait.until(textToBePresentInElementLocated(By.id("live-status"), "Live"));
        Object page = driver.executeScript("return window.performance.timeOrigin;");

        StandInEventStream.publish(41, "contract.published", "inventory", "2.0.0");
        browser.wait.until(textToBePresentInElementLocated(By.id("live-events"), "contract.published inventory 2.0.0"));
        StandInEventStream.publish(42, "verification.published", "inventory", "2.0.0");
        browser.wait.until(textToBePresentInElementLocated(By.id("live-events"), "verification.published"));

        var items = driver.findElements(By.cssSelector("#live-events li"));
        assertThat(items).hasSize(2);
        assertThat(items.get(0).getText()).startsWith("verification.published inventory 2.0.0");
        assertThat(driver.executeScript("return window.performance.timeOrigin;")).isEqualTo(page);
        browser.screenshot("10-live-events");
    }
}
