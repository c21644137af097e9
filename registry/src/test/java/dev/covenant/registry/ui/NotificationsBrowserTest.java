package dev.covenant.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import dev.covenant.registry.notifications.Receiver;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * The notification page and the compatibility badges over what checks and notifications really record: a
 * provider drops a field a consumer reads; the consumer's team is subscribed with a receiver that always fails,
 * so the delivery is parked, listed on the page and replayed through its form; the provider's page shows the
 * verdict of its latest compatibility report.
 */
@TestPropertySource(properties = {"covenant.notifications.allow-http=true",
        "covenant.notifications.allow-private-addresses=true", "covenant.notifications.retry.max-attempts=2",
        "covenant.notifications.retry.initial-backoff=200ms", "covenant.notifications.retry.max-backoff=500ms",
        "covenant.notifications.timeout=3s", "covenant.jobs.poll-interval=50ms"})
class NotificationsBrowserTest extends BrowserTest {

    /** Fails until {@link #recovered} is set: the parked (fail) state, then the delivered (pass) state on replay. */
    private volatile boolean recovered;
    private final Receiver failing = Receiver.start().answering(n -> recovered ? 200 : 500);
    private final String provider = unique("items");
    private final String consumer = unique("stock-ui");
    private final String team = unique("stock-team");

    @AfterEach
    void stopReceiver() {
        failing.close();
    }

    @Test
    void parkedDeliveryIsListedAndReplayedAndTheProviderShowsItsLatestVerdict() {
        http.put().uri("/teams/{t}", team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("applications", List.of(consumer))).exchange().expectStatus().isOk();
        http.post().uri("/teams/{t}/subscriptions", team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", failing.url("/hook"), "format", "json")).exchange()
                .expectStatus().isCreated();
        publishDocument("1.0.0", true);
        publishPact();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> latestVerdict().contains(">compatible<"));

        publishDocument("2.0.0", false);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> latestVerdict().contains(">breaking<"));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> parkedSection().contains(team));
        assertThat(failing.received()).as("both attempts reached the receiver").hasSizeGreaterThanOrEqualTo(2);

        var driver = browser.driver;
        driver.get(baseUrl() + "/ui/notifications");
        WebElement row = parkedRow();
        // one line for people; internal ids, the event type and the target only in the detail view
        assertThat(row.findElement(By.className("line")).getText()).startsWith(team + " team — " + provider
                + " 2.0.0 breaks GET /items/{id} `quantity` — not delivered after ")
                .matches(".* — not delivered after \\d+ attempts \\(HTTP 500\\); parked for replay");
        assertThat(row.getText()).doesNotContain("delivery:").doesNotContain(failing.url("/hook"));
        WebElement details = row.findElement(By.tagName("details"));
        details.findElement(By.tagName("summary")).click();
        assertThat(details.getText()).contains("compatibility.checked", failing.url("/hook"), "delivery:");
        String id = details.findElement(By.tagName("code")).getText();
        WebElement form = row.findElement(By.tagName("form"));
        assertThat(form.getAttribute("method")).isEqualToIgnoringCase("post");
        assertThat(form.findElements(By.cssSelector("input[type=hidden][name=_csrf]")))
                .as("the replay form carries the CSRF token").hasSize(1);
        assertThat(URLDecoder.decode(form.getAttribute("action"), StandardCharsets.UTF_8)).endsWith("/ui/notifications/deliveries/" + id + "/replay");
        browser.screenshot("11-parked-delivery");

        recovered = true;
        int before = failing.received().size();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(textToBePresentInElementLocated(By.id("main"), "The delivery was queued to be sent again."));
        assertThat(driver.getCurrentUrl()).endsWith("/ui/notifications?replayed=ok");
        await().atMost(Duration.ofSeconds(60)).until(() -> failing.received().size() > before);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> logSection().contains("delivered"));
        driver.navigate().refresh();
        By delivered = By.xpath("//section[@aria-labelledby='log-h']//li[@data-status='delivered']//span[@class='line']");
        waitFor(presenceOfElementLocated(delivered));
        assertThat(driver.findElement(delivered).getText())
                .startsWith(team + " team — " + provider + " 2.0.0 breaks GET /items/{id} `quantity` — delivered ")
                .matches(".* — delivered \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\S+( after \\d+ attempts)?");
        browser.screenshot("12-replayed-delivery");

        var wide = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(375, 900));
            driver.navigate().refresh();
            waitFor(presenceOfElementLocated(delivered));
            Object overflow = driver.executeScript(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
            assertThat(overflow).as("the notifications page fits 375 px without sideways scrolling").isEqualTo(false);
            browser.screenshot("13-notifications-375");
        } finally {
            driver.manage().window().setSize(wide);
        }

        // A form post without the CSRF token is refused (HardeningTest posts one with the token).
        http.post().uri("/ui/notifications/deliveries/{id}/replay", "delivery:nothing-here").exchange()
                .expectStatus().isForbidden();
    }

    private WebElement parkedRow() {
        By row = By.xpath("//section[@aria-labelledby='parked-h']//li[starts-with(normalize-space(span[@class='line']), '"
                + team + " team')]");
        waitFor(presenceOfElementLocated(row));
        return browser.driver.findElement(row);
    }

    private void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        try {
            browser.wait.until(condition);
        } catch (TimeoutException e) {
            browser.screenshot("11-notifications-failed");
            throw new AssertionError("page shows: " + browser.driver.findElement(By.tagName("main")).getText(), e);
        }
    }

    private String logSection() {
        String html = page("/ui/notifications");
        return html.substring(html.indexOf("id=\"log-h\""));
    }

    private String parkedSection() {
        String html = page("/ui/notifications");
        return html.substring(html.indexOf("id=\"parked-h\""), html.indexOf("id=\"log-h\""));
    }

    /** The provider page's "Latest compatibility check" entry. */
    private String latestVerdict() {
        String html = page("/ui/applications/" + provider);
        int at = html.indexOf("Latest compatibility check");
        assertThat(at).as("the application page names its latest compatibility check").isPositive();
        return html.substring(at, html.indexOf("</dd>", at));
    }

    private String page(String uri) {
        return http.get().uri(uri).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private void publishDocument(String version, boolean withQuantity) {
        String document = dev.covenant.registry.ItemsDocument.json(version, withQuantity);
        http.put().uri("/applications/{a}/versions/{v}/openapi?branch=main", provider, version)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(document).exchange().expectStatus().isCreated();
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
