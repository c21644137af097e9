package dev.covenant.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Every UI page rendered by the running registry over data published through its HTTP API. */
class UiPagesTest extends RegistryTest {

    private UiScenario scenario;

    @BeforeEach
    void seed() {
        scenario = new UiScenario(http, Long.toHexString(System.nanoTime())).seed();
    }

    private String page(String uri) {
        return http.get().uri(uri).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void browsersOpeningTheRootAreSentToTheUiWhilePactClientsKeepTheHalIndex() {
        http.get().uri("/").header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .exchange().expectStatus().isEqualTo(HttpStatus.SEE_OTHER).expectHeader().location("/ui");
        http.get().uri("/").accept(MediaType.parseMediaType("application/hal+json")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$._links['pb:pacticipants']").exists();
        http.get().uri("/").header("Accept", "*/*").exchange().expectStatus().isOk();
    }

    @Test
    void catalogGroupsApplicationsByTeamWithTheirStatus() {
        String html = page("/ui");
        assertThat(html).contains(scenario.providerTeam, scenario.provider, scenario.consumer, "Storefront")
                .contains("failing");
    }

    @Test
    void searchFindsAFieldInDocumentsAndInPacts() {
        String html = page("/ui/search?q=customerId");
        assertThat(html).containsPattern("\\d+ places in \\d+ applications\\.")
                .contains("Where is <code>customerId</code> used?")
                .contains(scenario.provider).contains("schema Order")
                .contains(scenario.consumer).contains("reads customerId from " + scenario.provider);
    }

    @Test
    void applicationPageShowsEnvironmentsConsumersAndVersions() {
        String html = page("/ui/applications/" + scenario.provider);
        assertThat(html).contains(scenario.environment).contains("deployed").contains(scenario.consumer)
                .contains("verification failed").contains("2.0.0").contains("1.0.0");
    }

    @Test
    void apiReferenceShowsWhichConsumersUseEachOperationAndWhichFieldsTheyRead() {
        String html = page("/ui/applications/" + scenario.provider + "/api?version=1.0.0");
        assertThat(html).contains("Who uses what").contains("GET /orders/{id}").contains(scenario.consumer)
                .contains("<code>customerId</code>").contains("/ui/assets/swagger-ui/swagger-ui-bundle.js");
        assertThat(html).contains("/stubs/" + scenario.provider + "/1.0.0/")
                .doesNotContain("/stubs/" + scenario.provider + "/agreed/"); // nothing agreed in this scenario
        http.get().uri("/ui/assets/swagger-ui/swagger-ui-bundle.js").exchange().expectStatus().isOk();
        http.get().uri("/ui/assets/api.js").exchange().expectStatus().isOk();
    }

    @Test
    void diffListsBreakingFindingsFirstWithRuleIds() {
        String html = page("/ui/applications/" + scenario.provider + "/diff?from=1.0.0&to=2.0.0");
        assertThat(html).contains("response-property-type-changed").contains("request-property-became-required")
                .contains("Changed operations");
        int firstBreaking = html.indexOf(">ERR<");
        assertThat(firstBreaking).isPositive();
        assertThat(html.substring(0, firstBreaking)).doesNotContain(">WARN<").doesNotContain(">INFO<");
        assertThat(html).containsPattern("<tr[^>]* id=\"f-[0-9a-f]{16}\"")
                .containsPattern("<code class=\"fingerprint\">[0-9a-f]{16}</code>");
    }

    @Test
    void pactPageShowsInteractionsVerificationAndCrossContractCheck() {
        String html = page("/ui/pacts/" + scenario.provider + "/" + scenario.consumer);
        assertThat(html).contains("a request for order 42").contains("GET /orders/42").contains("verification failed")
                .contains("2.0.0").contains("incompatible with the provider");
        int verifications = html.indexOf("id=\"verifications-h\"");
        assertThat(html.substring(verifications, html.indexOf("id=\"interactions-h\""))).as("the failed verification says why")
                .contains("a request for order 42:").contains("body $.customerId")
                .contains("Expected &#39;c-7&#39; but received 7");
    }

    @Test
    void matrixSaysTheConsumerCannotBeDeployedNextToAFailedVerification() {
        String html = page("/ui/matrix?application=" + scenario.consumer + "&version=1.0.0&environment="
                + scenario.environment);
        assertThat(html).contains("id=\"decision\"").contains(">No<").contains("failed");
    }

    @Test
    void canIDeployFromTheApplicationPageAsksAboutProductionWhenOneExists() {
        http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"" + scenario.environment + "-prod\", \"production\": true}")
                .exchange().expectStatus().is2xxSuccessful();

        String linked = page("/ui/matrix?application=" + scenario.consumer + "&version=1.0.0");
        String latestOfEach = page("/ui/matrix?application=" + scenario.consumer + "&version=1.0.0&environment=");

        // other tests may have made production environments too: any of them, never none
        assertThat(linked).containsPattern("<span>to [^<]+</span>:").contains("id=\"decision\"");
        assertThat(latestOfEach).doesNotContain("<span>to ").contains("<span></span>:").contains("id=\"decision\"");
    }

    @Test
    void graphIsAnSvgWithTheContractColouredByStatus() {
        String html = page("/ui/graph");
        assertThat(html).contains("<svg").contains(scenario.provider).contains("edge-failed");
        http.get().uri("/ui/graph.svg").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("image/svg+xml"));
    }

    @Test
    void notificationsReadTheDeliveryLogAndFollowTheEventStream() {
        assertThat(page("/ui/notifications")).contains("Parked deliveries").contains("Delivery log")
                .doesNotContain("Nothing has been recorded yet").contains("data-stream=\"/events/stream\"");
    }

    @Test
    void unknownApplicationIsANotFoundPage() {
        http.get().uri("/ui/applications/no-such-app").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isNotFound()
                .expectBody(String.class).value(html -> assertThat(html).contains("No application named"));
    }
}
