package dev.covenant.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import dev.covenant.registry.ItemsDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * The proposal pages in Chromium: a provider team proposes dropping a field; the consumer team's reviewer finds it
 * awaiting the team, sees the field its consumer reads, requests changes through the form; after a revision that
 * keeps the field, approves it, and the page says agreed.
 */
@TestPropertySource(properties = "covenant.jobs.poll-interval=50ms")
class ProposalsBrowserTest extends BrowserTest {

    private final String provider = unique("items");
    private final String consumer = unique("stock-ui");
    private final String owners = unique("items-team");
    private final String readers = unique("stock-team");

    @Test
    void theConsumersReviewerRequestsChangesThenApprovesTheRevisionAndTheProposalIsAgreed() {
        team(owners, provider);
        team(readers, consumer);
        http.put().uri("/applications/{a}/versions/1.0.0/openapi?branch=main", provider)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ItemsDocument.json("1", true)).exchange()
                .expectStatus().isCreated();
        publishPact();
        String title = "Drop quantity " + provider;
        Map<String, Object> proposal = http.post().uri("/applications/{a}/proposals", provider)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", title, "team", owners, "document", ItemsDocument.json("2", false)))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        String id = (String) proposal.get("id");

        var driver = browser.driver;
        driver.get(baseUrl() + "/ui/proposals?team=" + readers);
        By awaitingLink = By.xpath("//section[@aria-labelledby='awaiting-h']//a[normalize-space()='" + title + "']");
        waitFor(presenceOfElementLocated(awaitingLink));
        browser.screenshot("21-proposals-awaiting");
        driver.findElement(awaitingLink).click();

        waitFor(presenceOfElementLocated(By.id("review-form")));
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("open");
        assertThat(driver.findElement(By.id("reviewers")).getText()).contains(readers + " required pending");
        String impact = driver.findElement(By.xpath("//section[@aria-labelledby='impact-h']")).getText();
        assertThat(impact).contains(consumer).contains("GET /items/{id}").contains("field quantity");
        assertThat(driver.findElement(By.cssSelector("pre.document")).getText()).contains("\"openapi\"");
        WebElement form = driver.findElement(By.id("review-form"));
        assertThat(form.findElements(By.cssSelector("input[type=hidden][name=_csrf]")))
                .as("the review form carries the CSRF token").hasSize(1);
        browser.screenshot("22-proposal-open");

        review(readers, "The stock page shows quantity; keep it", "request-changes");
        waitFor(textToBePresentInElementLocated(By.id("main"), "Your review was recorded."));
        assertThat(driver.findElement(By.id("reviewers")).getText()).contains(readers + " required changes-requested 1");
        assertThat(driver.findElement(By.xpath("//section[@aria-labelledby='thread-h']")).getText())
                .contains("Revision 1").contains("The stock page shows quantity; keep it");

        String agreedDocument = ItemsDocument.json("2", true).replace("\"name\": {\"type\": \"string\"}",
                "\"name\": {\"type\": \"string\"}, \"colour\": {\"type\": \"string\"}");
        http.put().uri("/proposals/{id}/document", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("document", agreedDocument)).exchange().expectStatus().isOk();
        driver.get(baseUrl() + "/ui/proposals/" + id);
        waitFor(presenceOfElementLocated(By.id("review-form")));
        assertThat(driver.findElement(By.xpath("//section[@aria-labelledby='impact-h']")).getText())
                .contains("No consumer's pact breaks.");
        assertThat(driver.findElement(By.id("awaiting")).getText()).isEqualTo(readers);

        review(readers, "Thanks", "approve");
        waitFor(textToBePresentInElementLocated(By.id("status"), "agreed"));
        assertThat(driver.findElements(By.id("review-form"))).as("no review form once agreed").isEmpty();
        browser.screenshot("23-proposal-agreed");
        http.get().uri("/applications/{a}/agreed", provider).exchange().expectStatus().isOk();

        // the provider's page shows the agreed contract and that its latest document (the agreed one) matches it
        http.put().uri("/applications/{a}/versions/2.0.0/openapi?branch=main", provider)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(agreedDocument).exchange().expectStatus().isCreated();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
                .pollInterval(java.time.Duration.ofSeconds(1))
                .until(() -> http.get().uri("/ui/applications/{a}", provider).exchange().expectBody(String.class)
                        .returnResult().getResponseBody().contains("latest document matches it"));
        driver.get(baseUrl() + "/ui/applications/" + provider);
        waitFor(presenceOfElementLocated(By.id("agreed-contract")));
        assertThat(driver.findElement(By.id("agreed-contract")).getText()).contains("latest document matches it");

        http.post().uri("/ui/proposals/{id}/comments", id).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("team=x&text=no+token").exchange().expectStatus().isForbidden();
    }

    private void review(String team, String comment, String decision) {
        var driver = browser.driver;
        driver.findElement(By.id("review-team")).sendKeys(team);
        driver.findElement(By.id("review-comment")).sendKeys(comment);
        driver.findElement(By.cssSelector("#review-form button[value='" + decision + "']")).click();
    }

    private void team(String team, String application) {
        http.put().uri("/teams/{t}", team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("applications", List.of(application))).exchange().expectStatus().isOk();
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

    private void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        try {
            browser.wait.until(condition);
        } catch (TimeoutException e) {
            browser.screenshot("2x-proposals-failed");
            throw new AssertionError("page shows: " + browser.driver.findElement(By.tagName("main")).getText(), e);
        }
    }
}
