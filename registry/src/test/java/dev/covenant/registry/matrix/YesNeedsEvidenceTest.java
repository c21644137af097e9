package dev.covenant.registry.matrix;

import static dev.covenant.registry.matrix.Gate.httpInteraction;
import static dev.covenant.registry.matrix.Gate.itemsDocument;
import static dev.covenant.registry.matrix.Gate.publishPact;
import static dev.covenant.registry.matrix.Gate.publishProviderContract;
import static dev.covenant.registry.matrix.Gate.v3Pact;
import static dev.covenant.registry.matrix.Gate.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * Every path by which can-i-deploy can say yes (issue 19's audit): each yes rests on a verification (or a
 * cross-contract check that counts), and without it the answer is no or unknown, with the Pact Broker's reason.
 */
@TestPropertySource(properties = "covenant.jobs.poll-interval=50ms")
class YesNeedsEvidenceTest extends RegistryTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    String consumer = unique("web");
    String provider = unique("api");
    String environment = unique("prod");
    String environmentUuid;

    String pact() {
        return v3Pact(consumer, provider, List.of(httpInteraction()), List.of());
    }

    String changedPact() {
        return v3Pact(consumer, provider, List.of(httpInteraction().replace("bolt", "nut")), List.of());
    }

    @Test
    void aFailedVerificationOfAPendingPactStillBlocks() {
        publishPact(http, consumer, "1", provider, pact());
        forVerification("{\"consumerVersionSelectors\":[{\"mainBranch\":true}],\"includePendingStatus\":true,"
                + "\"providerVersionBranch\":\"main\"}")
                .jsonPath("$._embedded.pacts[0].verificationProperties.pending").isEqualTo(true);
        verify(http, provider, consumer, "1", "p1", false);
        deploy(provider, "p1", null);

        Map<String, Object> summary = canIDeploy(consumer, "1");

        assertThat(summary).containsEntry("deployable", false).containsEntry("failed", 1);
        assertThat(summary.get("reason")).isEqualTo("The verification for the pact between version 1 of " + consumer
                + " and the version of " + provider + " currently in " + environment + " (p1) failed");
    }

    @Test
    void aWorkInProgressPactIsUnknownUntilVerifiedAndAFailedWipVerificationBlocks() {
        publishPact(http, consumer, "1", provider, pact());
        verify(http, provider, consumer, "1", "p1", true);
        http.put().uri("/pacticipants/{c}/branches/feat-x/versions/2", consumer).exchange().expectStatus().isOk();
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/2", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(changedPact())
                .exchange().expectStatus().is2xxSuccessful();
        forVerification("{\"consumerVersionSelectors\":[{\"mainBranch\":true}],\"includePendingStatus\":true,"
                + "\"providerVersionBranch\":\"main\",\"includeWipPactsSince\":\"2020-01-01\"}")
                .jsonPath("$._embedded.pacts[1].verificationProperties.wip").isEqualTo(true);
        deploy(provider, "p1", null);

        Map<String, Object> unverified = canIDeploy(consumer, "2");
        assertThat(unverified.get("deployable")).isNull();
        assertThat(unverified.get("reason")).isEqualTo("There is no verified pact between version 2 of " + consumer
                + " and the version of " + provider + " currently in " + environment + " (p1)");

        verify(http, provider, consumer, "2", "p1", false);
        assertThat(canIDeploy(consumer, "2")).containsEntry("deployable", false);
    }

    @Test
    void onlyIdenticalContentInheritsAVerification() {
        publishPact(http, consumer, "1", provider, pact());
        verify(http, provider, consumer, "1", "p1", true);
        deploy(provider, "p1", null);
        publishPact(http, consumer, "2", provider, pact());
        publishPact(http, consumer, "3", provider, changedPact());

        assertThat(canIDeploy(consumer, "2")).containsEntry("deployable", true)
                .containsEntry("reason", "All required verification results are published and successful");
        Map<String, Object> changed = canIDeploy(consumer, "3");
        assertThat(changed.get("deployable")).isNull();
        assertThat((String) changed.get("reason")).startsWith("There is no verified pact between version 3 of " + consumer);
    }

    @Test
    void ignoringOnlyLiftsWhatItNames() {
        publishPact(http, consumer, "1", provider, pact());
        verify(http, provider, consumer, "1", "p1", false);
        deploy(provider, "p1", null);
        String base = "/matrix?q%5B%5D%5Bpacticipant%5D=" + consumer + "&q%5B%5D%5Bversion%5D=1&latestby=cvp"
                + "&environment=" + environment;

        Map<String, Object> otherVersion = get(base + "&ignore%5B%5D%5Bpacticipant%5D=" + provider
                + "&ignore%5B%5D%5Bversion%5D=p9");
        assertThat(summary(otherVersion)).containsEntry("deployable", false).containsEntry("ignored", 0);

        String stranger = unique("stranger");
        Map<String, Object> notInQuery = get(base + "&ignore%5B%5D%5Bpacticipant%5D=" + stranger);
        assertThat(summary(notInQuery)).containsEntry("deployable", false);
        assertThat(notInQuery.get("notices").toString()).contains("WARNING: Cannot ignore " + stranger);

        Map<String, Object> named = get(base + "&ignore%5B%5D%5Bpacticipant%5D=" + provider
                + "&ignore%5B%5D%5Bversion%5D=p1");
        assertThat(summary(named)).containsEntry("deployable", true).containsEntry("ignored", 1);
        assertThat(summary(named).get("reason")).isEqualTo("[IGNORED] The verification for the pact between version 1 of "
                + consumer + " and the version of " + provider + " currently in " + environment + " (p1) failed");
    }

    @Test
    void everyDeployedInstanceOfTheProviderMustHaveVerified() {
        publishPact(http, consumer, "1", provider, pact());
        verify(http, provider, consumer, "1", "p2", true);
        providerVersion("p1");
        deploy(provider, "p1", "blue");
        deploy(provider, "p2", "green");

        Map<String, Object> oneMissing = canIDeploy(consumer, "1");
        assertThat(oneMissing.get("deployable")).isNull();
        assertThat(oneMissing).containsEntry("success", 1).containsEntry("unknown", 1);
        assertThat(oneMissing.get("reason")).isEqualTo("There is no verified pact between version 1 of " + consumer
                + " and one of the versions of " + provider + " currently in " + environment + " (p1)");

        verify(http, provider, consumer, "1", "p1", true);
        assertThat(canIDeploy(consumer, "1")).containsEntry("deployable", true).containsEntry("success", 2);
    }

    @Test
    void aReleasedVersionCountsUntilItsSupportEnds() {
        publishPact(http, consumer, "1", provider, pact());
        verify(http, provider, consumer, "1", "p2", true);
        providerVersion("p1");
        String oldRelease = release(provider, "p1");
        release(provider, "p2");

        Map<String, Object> supported = canIDeploy(consumer, "1");
        assertThat(supported.get("deployable")).isNull();
        assertThat((String) supported.get("reason")).contains("one of the versions of " + provider + " currently in "
                + environment + " (p1)");

        http.patch().uri("/released-versions/{uuid}", oldRelease).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"currentlySupported\":false}").exchange().expectStatus().isOk();
        assertThat(canIDeploy(consumer, "1")).containsEntry("deployable", true).containsEntry("success", 1);
    }

    @Test
    void aProviderWithNoVersionInTheEnvironmentIsUnknown() {
        publishPact(http, consumer, "1", provider, pact());
        verify(http, provider, consumer, "1", "p1", true);
        createEnvironment();

        Map<String, Object> summary = canIDeploy(consumer, "1");

        assertThat(summary.get("deployable")).isNull();
        assertThat(summary.get("reason")).isEqualTo("There is no verified pact between version 1 of " + consumer
                + " and a version of " + provider + " currently in " + environment
                + " (no version is currently recorded as deployed/released in this environment)");
    }

    @Test
    void aConsumerWithoutPactsHasNoDependenciesButAMissingVersionIsNo() {
        http.put().uri("/pacticipants/{c}/branches/main/versions/1", consumer).exchange().expectStatus().isOk();
        createEnvironment();

        assertThat(canIDeploy(consumer, "1")).containsEntry("deployable", true)
                .containsEntry("reason", "There are no missing dependencies");
        assertThat(canIDeploy(consumer, "9")).containsEntry("deployable", false)
                .containsEntry("reason", "No pacts or verifications have been published for version 9 of " + consumer);
    }

    @Test
    void aProviderWithoutADocumentOrVerificationIsUnknownUntilItPublishesOne() {
        publishPact(http, consumer, "1", provider, pact());
        providerVersion("p1");
        deploy(provider, "p1", null);

        Map<String, Object> summary = canIDeploy(consumer, "1");
        assertThat(summary.get("deployable")).isNull();
        assertThat(summary.get("reason")).isEqualTo("There is no verified pact between version 1 of " + consumer
                + " and the version of " + provider + " currently in " + environment + " (p1)");

        publishProviderContract(http, provider, "p1", itemsDocument(), true);
        awaitCrossCheck();
        assertThat(canIDeploy(consumer, "1")).containsEntry("deployable", true);
    }

    @Test
    void oneVersionWithoutATargetNeedsTheLatestVerificationOfEachOfItsPacts() {
        publishPact(http, consumer, "1", provider, pact());
        String query = "/matrix?q%5B%5D%5Bpacticipant%5D=" + consumer + "&q%5B%5D%5Bversion%5D=1&latestby=cvp";

        Map<String, Object> unverified = summary(get(query));
        assertThat(unverified.get("deployable")).isNull();
        assertThat(unverified.get("reason")).isEqualTo("There is no verified pact between version 1 of " + consumer
                + " and any version of " + provider);

        verify(http, provider, consumer, "1", "p1", true);
        assertThat(summary(get(query))).containsEntry("deployable", true).containsEntry("success", 1);
        verify(http, provider, consumer, "1", "p2", false);
        Map<String, Object> failed = summary(get(query));
        assertThat(failed).containsEntry("deployable", false);
        assertThat(failed.get("reason")).isEqualTo("The verification for the pact between version 1 of " + consumer
                + " and version p2 of " + provider + " failed");
    }

    /** The contract report of the provider's document, made in the background, includes the consumer's pact. */
    private void awaitCrossCheck() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> new String(http.get().uri("/compatibility-reports?application={a}&version=p1", provider)
                        .exchange().expectBody().returnResult().getResponseBody()).contains(consumer));
    }

    private Map<String, Object> canIDeploy(String application, String version) {
        return summary(get("/can-i-deploy?pacticipant=" + application + "&version=" + version + "&environment="
                + environment));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(Map<String, Object> answer) {
        return (Map<String, Object>) answer.get("summary");
    }

    private Map<String, Object> get(String pathAndQuery) {
        return http.get().uri(URI.create(baseUrl() + pathAndQuery)).exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec forVerification(String body) {
        return http.post().uri("/pacts/provider/{p}/for-verification", provider)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectBody();
    }

    private void providerVersion(String version) {
        http.put().uri("/pacticipants/{p}/branches/main/versions/{v}", provider, version).exchange().expectStatus().isOk();
    }

    private String createEnvironment() {
        if (environmentUuid == null) {
            environmentUuid = (String) http.post().uri("/environments").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"name\":\"" + environment + "\",\"production\":true}").exchange()
                    .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody().get("uuid");
        }
        return environmentUuid;
    }

    private void deploy(String application, String version, String instance) {
        http.post().uri("/pacticipants/{a}/versions/{v}/deployed-versions/environment/{e}", application, version,
                        createEnvironment())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(instance == null ? "{}" : "{\"applicationInstance\":\"" + instance + "\"}")
                .exchange().expectStatus().isCreated();
    }

    private String release(String application, String version) {
        return (String) http.post().uri("/pacticipants/{a}/versions/{v}/released-versions/environment/{e}",
                        application, version, createEnvironment())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().is2xxSuccessful().expectBody(JSON).returnResult().getResponseBody().get("uuid");
    }
}
