package dev.covenant.registry.forverification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Selection, de-duplication, pending and WIP semantics of for-verification. */
class ForVerificationApiTest extends RegistryTest {

    String consumer;
    String provider;

    static String pact(String consumer, String provider, int status) {
        return "{\"consumer\":{\"name\":\"" + consumer + "\"},\"provider\":{\"name\":\"" + provider + "\"},"
                + "\"interactions\":[{\"description\":\"d\",\"request\":{\"method\":\"GET\",\"path\":\"/\"},"
                + "\"response\":{\"status\":" + status + "}}],\"metadata\":{\"pactSpecification\":{\"version\":\"3.0.0\"}}}";
    }

    void publish(String version, String branch, int status) {
        http.put().uri("/pacticipants/{c}/branches/{b}/versions/{v}", consumer, branch, version).exchange().expectStatus().isOk();
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", provider, consumer, version)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact(consumer, provider, status))
                .exchange().expectStatus().is2xxSuccessful();
    }

    WebTestClientBody forVerification(String body) {
        return new WebTestClientBody(http.post().uri("/pacts/provider/{p}/for-verification", provider)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isOk().expectBody());
    }

    record WebTestClientBody(org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec spec) {
    }

    void verify(String pactVersionHref, String providerVersion, String providerBranch, boolean success) {
        http.put().uri("/pacticipants/{p}/branches/{b}/versions/{v}", provider, providerBranch, providerVersion).exchange()
                .expectStatus().isOk();
        http.post().uri(java.net.URI.create(pactVersionHref + "/verification-results")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"success\":" + success + ",\"providerApplicationVersion\":\"" + providerVersion + "\"}")
                .exchange().expectStatus().isCreated();
    }

    String firstHref(String body) {
        AtomicReference<String> href = new AtomicReference<>();
        forVerification(body).spec().jsonPath("$._embedded.pacts[0]._links.self.href").value(value -> href.set((String) value));
        return href.get();
    }

    void setUp() {
        consumer = unique("consumer");
        provider = unique("provider");
        http.put().uri("/pacticipants/{p}", provider).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
    }

    @Test
    void identicalContentOnSeveralBranchesIsOneEntryWithMergedSelectors() {
        setUp();
        publish("1", "main", 200);
        publish("2", "feat-a", 200);
        publish("3", "feat-b", 201);
        forVerification("{\"consumerVersionSelectors\":[{\"mainBranch\":true},{\"branch\":\"feat-a\"},{\"branch\":\"feat-b\"}]}")
                .spec()
                .jsonPath("$._embedded.pacts.length()").isEqualTo(2)
                .jsonPath("$._embedded.pacts[0].shortDescription").isEqualTo("latest from branch main, latest from branch feat-a")
                .jsonPath("$._embedded.pacts[0]._links.self.name").isEqualTo("Pact between " + consumer + " (2) and " + provider)
                .jsonPath("$._embedded.pacts[0].verificationProperties.notices[0].text")
                .value(text -> assertThat((String) text).contains("matching the following criteria")
                        .contains("from the main branch 'main' (1)").contains("from branch 'feat-a' (2)"))
                .jsonPath("$._embedded.pacts[1].shortDescription").isEqualTo("latest from branch feat-b");
    }

    @Test
    void fallbackBranchIsUsedWhenTheBranchHasNoPact() {
        setUp();
        publish("1", "main", 200);
        forVerification("{\"consumerVersionSelectors\":[{\"branch\":\"feat-x\",\"fallbackBranch\":\"main\"}]}")
                .spec()
                .jsonPath("$._embedded.pacts.length()").isEqualTo(1)
                .jsonPath("$._embedded.pacts[0].verificationProperties.notices[0].text")
                .value(text -> assertThat((String) text).contains("fallback branch used"));
        forVerification("{\"consumerVersionSelectors\":[{\"branch\":\"feat-x\"}]}")
                .spec().jsonPath("$._embedded.pacts.length()").isEqualTo(0);
    }

    @Test
    void pendingUntilTheProviderBranchVerifiesSuccessfully() {
        setUp();
        publish("1", "main", 200);
        String request = "{\"consumerVersionSelectors\":[{\"mainBranch\":true}],\"includePendingStatus\":true,\"providerVersionBranch\":\"main\"}";
        String href = firstHref(request);
        forVerification(request).spec().jsonPath("$._embedded.pacts[0].verificationProperties.pending").isEqualTo(true);

        verify(href, "p1", "main", false);
        forVerification(request).spec().jsonPath("$._embedded.pacts[0].verificationProperties.pending").isEqualTo(true);
        verify(href, "p2", "main", true);
        forVerification(request).spec()
                .jsonPath("$._embedded.pacts[0].verificationProperties.pending").isEqualTo(false)
                .jsonPath("$._embedded.pacts[0].verificationProperties.notices[1].text")
                .value(text -> assertThat((String) text).contains("previously been successfully verified"));
        // A brand-new provider branch inherits the success that happened before it existed.
        forVerification(request.replace("\"providerVersionBranch\":\"main\"", "\"providerVersionBranch\":\"later\""))
                .spec().jsonPath("$._embedded.pacts[0].verificationProperties.pending").isEqualTo(false);
        // Without includePendingStatus the flag is absent.
        forVerification("{\"consumerVersionSelectors\":[{\"mainBranch\":true}]}")
                .spec().jsonPath("$._embedded.pacts[0].verificationProperties.pending").doesNotExist();
    }

    @Test
    void wipPactsShowUpUntilVerifiedByTheProviderBranch() {
        setUp();
        publish("1", "main", 200);
        publish("2", "feat-new", 202);
        String request = "{\"consumerVersionSelectors\":[{\"mainBranch\":true}],\"includePendingStatus\":true,"
                + "\"providerVersionBranch\":\"main\",\"includeWipPactsSince\":\"2020-01-01\"}";
        AtomicReference<String> wipHref = new AtomicReference<>();
        forVerification(request).spec()
                .jsonPath("$._embedded.pacts.length()").isEqualTo(2)
                .jsonPath("$._embedded.pacts[1].verificationProperties.wip").isEqualTo(true)
                .jsonPath("$._embedded.pacts[1].verificationProperties.pending").isEqualTo(true)
                .jsonPath("$._embedded.pacts[1].verificationProperties.notices[0].text")
                .value(text -> assertThat((String) text).contains("'work in progress' pact"))
                .jsonPath("$._embedded.pacts[1]._links.self.href").value(value -> wipHref.set((String) value));
        forVerification(request.replace("2020-01-01", "2999-01-01")).spec().jsonPath("$._embedded.pacts.length()").isEqualTo(1);

        verify(wipHref.get(), "p1", "main", true);
        forVerification(request).spec().jsonPath("$._embedded.pacts.length()").isEqualTo(1)
                .jsonPath("$._embedded.pacts[0].verificationProperties.wip").doesNotExist();
    }

    @Test
    void noSelectorsMeansMainBranchOrLatestAndDeployed() {
        setUp();
        publish("1", "feat-only", 200);
        forVerification("{}").spec()
                .jsonPath("$._embedded.pacts.length()").isEqualTo(1)
                .jsonPath("$._embedded.pacts[0].shortDescription").isEqualTo("latest");
        publish("2", "main", 201);
        forVerification("{}").spec()
                .jsonPath("$._embedded.pacts.length()").isEqualTo(1)
                .jsonPath("$._embedded.pacts[0]._links.self.name").isEqualTo("Pact between " + consumer + " (2) and " + provider);
    }

    @Test
    void theSelectionContextIsCarriedIntoThePactAndVerificationUrls() {
        setUp();
        publish("1", "main", 200);
        String href = firstHref("{\"consumerVersionSelectors\":[{\"mainBranch\":true}],\"includePendingStatus\":true}");
        assertThat(href).contains("/metadata/");
        http.get().uri(java.net.URI.create(href)).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/hal+json;charset=utf-8")
                .expectBody()
                .jsonPath("$._links['pb:publish-verification-results'].href").isEqualTo(href + "/verification-results")
                .jsonPath("$._links['pb:provider'].href").isEqualTo(baseUrl() + "/pacticipants/" + provider)
                .jsonPath("$._links['pb:consumer'].name").isEqualTo(consumer)
                .jsonPath("$.interactions[0]._id").isNotEmpty();
    }
}
