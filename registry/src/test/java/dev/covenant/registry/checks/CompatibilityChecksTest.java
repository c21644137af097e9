package dev.covenant.registry.checks;

import static dev.covenant.registry.checks.Contracts.awaitReport;
import static dev.covenant.registry.checks.Contracts.itemPact;
import static dev.covenant.registry.checks.Contracts.itemsDocument;
import static dev.covenant.registry.checks.Contracts.json;
import static dev.covenant.registry.checks.Contracts.list;
import static dev.covenant.registry.checks.Contracts.publishDocument;
import static dev.covenant.registry.checks.Contracts.publishPact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.events.EventTypes;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * The checks end to end: a document-only provider becomes deployable through cross-contract checks, a breaking
 * document names exactly the consumers that use what changed, a pact the provider's document does not satisfy
 * tells the provider, and handling an event again changes nothing.
 */
@TestPropertySource(properties = "covenant.jobs.poll-interval=50ms")
class CompatibilityChecksTest extends RegistryTest {

    @Autowired
    EventLog events;
    @Autowired
    ChecksHandler handler;

    String provider = unique("items");
    String reader = unique("stock-ui");
    String bystander = unique("catalog-ui");

    @Test
    @SuppressWarnings("unchecked")
    void documentOnlyProviderIsDeployableOnCrossChecksAndABreakingChangeNamesOnlyTheConsumerThatUsesIt() {
        publishDocument(http, provider, "1.0.0", "main", itemsDocument("1", true)).expectStatus().isCreated();
        publishPact(http, reader, "1", "main", provider, itemPact(reader, provider, true));
        publishPact(http, bystander, "1", "main", provider, itemPact(bystander, provider, false));

        Map<String, Object> pactReport = awaitReport(http, reader, "1", EventTypes.PACT_PUBLISHED);
        assertThat(pactReport.get("compatible")).isEqualTo(true);
        assertThat(list(pactReport, "crossChecks")).singleElement()
                .satisfies(check -> assertThat(check).containsEntry("providerVersion", "1.0.0").containsEntry("success", true));
        assertThat(checkedEvent(pactReport).attributes().get("audience")).asList().isEmpty();

        String environment = unique("prod");
        deploy(provider, "1.0.0", environment);
        http.get().uri("/can-i-deploy?pacticipant={c}&version=1&environment={e}", reader, environment).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.summary.deployable").isEqualTo(true)
                .jsonPath("$.matrix[0].provider.version.number").isEqualTo("1.0.0")
                .jsonPath("$.matrix[0].verificationResult.success").isEqualTo(true)
                .jsonPath("$.matrix[0].verificationResult.verifiedBy.implementation").isEqualTo("Covenant cross-contract check");

        publishDocument(http, provider, "2.0.0", "main", itemsDocument("2", false)).expectStatus().isCreated();
        Map<String, Object> report = awaitReport(http, provider, "2.0.0", EventTypes.CONTRACT_PUBLISHED);

        assertThat(report.get("compatible")).isEqualTo(false);
        Map<String, Object> comparison = list(report, "comparisons").get(0);
        assertThat((Map<String, Object>) comparison.get("base")).containsEntry("version", "1.0.0");
        assertThat((List<String>) comparison.get("reasons"))
                .containsExactly("previous on branch main", "deployed in " + environment);
        assertThat(list(comparison, "findings")).extracting(finding -> finding.get("ruleId"))
                .contains("response-required-property-removed");
        assertThat(list(report, "affectedConsumers")).singleElement().satisfies(affected -> {
            assertThat(affected).containsEntry("consumer", reader);
            assertThat(list(affected, "failures")).singleElement().satisfies(failure -> assertThat(failure)
                    .containsEntry("operation", "GET /items/{id}")
                    .containsEntry("field", "quantity")
                    .containsEntry("ruleId", "response-required-property-removed")
                    .containsEntry("code", "response.body.incompatible"));
        });

        Event checked = checkedEvent(report);
        assertThat(checked.attributes()).containsEntry("compatible", false)
                .containsEntry("trigger", EventTypes.CONTRACT_PUBLISHED)
                .containsEntry("reportPath", "/compatibility-reports/" + report.get("id"))
                .containsKey("summary");
        List<Map<String, Object>> audience = audience(checked);
        assertThat(audience).extracting(entry -> entry.get("application")).containsExactly(reader);
        assertThat(audience.get(0)).containsEntry("role", "consumer");
        assertThat(list(audience.get(0), "failures")).singleElement().satisfies(failure -> assertThat(failure)
                .containsEntry("operation", "GET /items/{id}")
                .containsEntry("field", "quantity")
                .containsEntry("ruleId", "response-required-property-removed"));

        String matrix = "/matrix?q%5B%5D%5Bpacticipant%5D=" + reader + "&q%5B%5D%5Bversion%5D=1"
                + "&q%5B%5D%5Bpacticipant%5D=" + provider + "&q%5B%5D%5Bversion%5D=2.0.0&latestby=cvpv";
        http.get().uri(URI.create(baseUrl() + matrix)).exchange()
                .expectBody()
                .jsonPath("$.summary.deployable").isEqualTo(false)
                .jsonPath("$.matrix[0].verificationResult.success").isEqualTo(false);
    }

    @Test
    void aBranchsFirstDocumentIsJudgedAgainstTheMainBranch() {
        publishDocument(http, provider, "1.0.0", "main", itemsDocument("1", true)).expectStatus().isCreated();
        publishPact(http, reader, "1", "main", provider, itemPact(reader, provider, true));
        awaitReport(http, reader, "1", EventTypes.PACT_PUBLISHED);

        publishDocument(http, provider, "2.1.0", "feat/drop-quantity", itemsDocument("2", false))
                .expectStatus().isCreated();
        Map<String, Object> report = awaitReport(http, provider, "2.1.0", EventTypes.CONTRACT_PUBLISHED);

        assertThat(list(report, "comparisons")).singleElement()
                .satisfies(comparison -> assertThat(comparison.get("reasons")).asList()
                        .containsExactly("latest on main branch main"));
        assertThat(list(report, "affectedConsumers")).extracting(affected -> affected.get("consumer"))
                .containsExactly(reader);
        assertThat(audience(checkedEvent(report))).extracting(entry -> entry.get("application"))
                .containsExactly(reader);
    }

    @Test
    void aPactTheProvidersDocumentDoesNotSatisfyTellsTheProviderAndItsTeam() {
        String team = unique("inventory-team");
        http.put().uri("/teams/{t}", team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"applications\":[\"" + provider + "\"]}").exchange().expectStatus().is2xxSuccessful();
        publishDocument(http, provider, "1.0.0", "main", itemsDocument("1", true)).expectStatus().isCreated();
        publishPact(http, reader, "7", "main", provider,
                Contracts.pact(reader, provider, "GET", "/orders/1", "{\"id\": \"1\"}"));

        Map<String, Object> report = awaitReport(http, reader, "7", EventTypes.PACT_PUBLISHED);

        assertThat(report.get("compatible")).isEqualTo(false);
        List<Map<String, Object>> audience = audience(checkedEvent(report));
        assertThat(audience).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("application", provider).containsEntry("role", "provider")
                    .containsEntry("team", team);
            assertThat(list(entry, "failures")).extracting(failure -> failure.get("code"))
                    .containsExactly("request.path-or-method.unknown");
        });

        publishPact(http, reader, "8", "main", provider,
                Contracts.pact(reader, provider, "GET", "/orders/1", "{\"id\": \"1\"}"));
        Map<String, Object> again = awaitReport(http, reader, "8", EventTypes.PACT_PUBLISHED);
        assertThat(again.get("compatible")).isEqualTo(false);
        assertThat(audience(checkedEvent(again))).as("the same content again does not tell the provider twice").isEmpty();
    }

    @Test
    void handlingTheSameEventTwiceMakesOneReportAndOneCheckedEvent() {
        Map<String, Object> published = json(publishDocument(http, provider, "1.0.0", "main", itemsDocument("1", true))
                .expectStatus().isCreated());
        Map<String, Object> report = awaitReport(http, provider, "1.0.0", EventTypes.CONTRACT_PUBLISHED);
        Event event = events.find(String.join("|", EventTypes.CONTRACT_PUBLISHED, provider, "1.0.0",
                (String) published.get("sha256"))).block();
        assertThat(event).isNotNull();

        handler.handle(event).block();
        handler.handle(event).block();

        assertThat(Contracts.reports(http, provider, "1.0.0")).singleElement()
                .satisfies(again -> assertThat(again.get("id")).isEqualTo(report.get("id")));
        assertThat(events.latest(500).filter(e -> e.type().equals(EventTypes.COMPATIBILITY_CHECKED)
                && provider.equals(e.application())).count().block()).isEqualTo(1);
    }

    private Event checkedEvent(Map<String, Object> report) {
        String id = String.join("|", EventTypes.COMPATIBILITY_CHECKED, (String) report.get("application"),
                (String) report.get("version"), (String) report.get("id"));
        Event event = events.find(id).block();
        assertThat(event).as("compatibility.checked event %s", id).isNotNull();
        return event;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> audience(Event event) {
        return (List<Map<String, Object>>) event.attributes().get("audience");
    }

    /** Creates the environment and records the version as deployed there. */
    private void deploy(String application, String version, String environmentName) {
        String uuid = (String) json(http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + environmentName + "\",\"production\":true}").exchange()
                .expectStatus().isCreated()).get("uuid");
        http.post().uri("/pacticipants/{a}/versions/{v}/deployed-versions/environment/{e}", application, version, uuid)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isCreated();
    }
}
