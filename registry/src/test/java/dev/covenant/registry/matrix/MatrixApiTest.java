package dev.covenant.registry.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The matrix over HTTP: inherited verifications, targets, ignore, can-i-merge. */
class MatrixApiTest extends RegistryTest {

    String consumer = unique("consumer");
    String provider = unique("provider");

    static String pact(String consumer, String provider) {
        return "{\"consumer\":{\"name\":\"" + consumer + "\"},\"provider\":{\"name\":\"" + provider + "\"},"
                + "\"interactions\":[{\"description\":\"d\",\"request\":{\"method\":\"GET\",\"path\":\"/\"},"
                + "\"response\":{\"status\":200}}]}";
    }

    void publish(String version, String branch) {
        http.put().uri("/pacticipants/{c}/branches/{b}/versions/{v}", consumer, branch, version).exchange().expectStatus().isOk();
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", provider, consumer, version)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact(consumer, provider))
                .exchange().expectStatus().is2xxSuccessful();
    }

    void verify(String consumerVersion, String providerVersion, boolean success) {
        AtomicReference<String> href = new AtomicReference<>();
        http.get().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", provider, consumer, consumerVersion).exchange()
                .expectBody().jsonPath("$._links['pb:publish-verification-results'].href").value(h -> href.set((String) h));
        http.post().uri(URI.create(href.get())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"success\":" + success + ",\"providerApplicationVersion\":\"" + providerVersion + "\"}")
                .exchange().expectStatus().isCreated();
    }

    void tagProvider(String version, String tag) {
        http.put().uri("/pacticipants/{p}/versions/{v}/tags/{t}", provider, version, tag)
                .contentType(MediaType.APPLICATION_JSON).exchange().expectStatus().is2xxSuccessful();
    }

    @Test
    void aConsumerVersionWithIdenticalContentInheritsTheVerification() {
        publish("1", "main");
        verify("1", "p1", true);
        tagProvider("p1", "prod");
        publish("2", "main");

        http.get().uri("/can-i-deploy?pacticipant={c}&version=2&to=prod", consumer).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/hal+json;charset=utf-8")
                .expectBody()
                .jsonPath("$.summary.deployable").isEqualTo(true)
                .jsonPath("$.summary.success").isEqualTo(1)
                .jsonPath("$.summary.reason").isEqualTo("All required verification results are published and successful")
                .jsonPath("$.matrix[0].consumer.version.number").isEqualTo("2")
                .jsonPath("$.matrix[0].provider.version.number").isEqualTo("p1")
                .jsonPath("$.matrix[0].verificationResult.success").isEqualTo(true)
                .jsonPath("$.notices[0].type").isEqualTo("success");
    }

    @Test
    void aFailedVerificationBlocksAndIgnoreLiftsIt() {
        publish("1", "main");
        verify("1", "p1", false);
        tagProvider("p1", "prod");
        String query = "/matrix?q%5B%5D%5Bpacticipant%5D=" + consumer + "&q%5B%5D%5Bversion%5D=1&latestby=cvp&latest=true&tag=prod";
        http.get().uri(URI.create(baseUrl() + query)).exchange()
                .expectBody()
                .jsonPath("$.summary.deployable").isEqualTo(false)
                .jsonPath("$.summary.failed").isEqualTo(1)
                .jsonPath("$.summary.reason").value(reason -> assertThat((String) reason)
                        .startsWith("The verification for the pact between version 1 of " + consumer).endsWith("failed"));
        http.get().uri(URI.create(baseUrl() + query + "&ignore%5B%5D%5Bpacticipant%5D=" + provider)).exchange()
                .expectBody()
                .jsonPath("$.summary.deployable").isEqualTo(true)
                .jsonPath("$.summary.ignored").isEqualTo(1)
                .jsonPath("$.matrix[0].ignored").isEqualTo(true);
    }

    @Test
    void selectorsWithoutAVersionListEveryVersionAndSuccessFiltersOnlyTheListing() {
        publish("1", "main");
        verify("1", "p1", true);
        publish("2", "main");
        verify("2", "p2", false);
        String all = "/matrix?q%5B%5D%5Bpacticipant%5D=" + consumer + "&q%5B%5D%5Bpacticipant%5D=" + provider
                + "&latestby=cvpv";
        // both consumer versions share the content, so each is verified by p1 (yes) and p2 (no)
        http.get().uri(URI.create(baseUrl() + all)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.matrix.length()").isEqualTo(4)
                .jsonPath("$.matrix[0].consumer.version.number").isEqualTo("1")
                .jsonPath("$.matrix[3].consumer.version.number").isEqualTo("2")
                .jsonPath("$.summary.success").isEqualTo(2)
                .jsonPath("$.summary.failed").isEqualTo(2)
                .jsonPath("$.summary.deployable").isEqualTo(false);
        http.get().uri(URI.create(baseUrl() + all + "&success%5B%5D=true")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.matrix.length()").isEqualTo(2)
                .jsonPath("$.matrix[*].verificationResult.success").value(outcomes ->
                        assertThat((java.util.List<Object>) outcomes).containsOnly(true))
                .jsonPath("$.matrix[*].provider.version.number").value(numbers ->
                        assertThat((java.util.List<Object>) numbers).containsOnly("p1"))
                // the filter narrows the listing, not the decision
                .jsonPath("$.summary.deployable").isEqualTo(false);
    }

    @Test
    void aTagWithoutLatestMeansEveryTaggedVersionAndIgnoredRowsStayListed() {
        publish("1", "main");
        verify("1", "p1", true);
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/2", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact(consumer, provider).replace("\"d\"", "\"d2\""))
                .exchange().expectStatus().is2xxSuccessful();
        verify("2", "p1", false);
        for (String version : new String[] {"1", "2"}) {
            http.put().uri("/pacticipants/{c}/versions/{v}/tags/prod", consumer, version)
                    .contentType(MediaType.APPLICATION_JSON).exchange().expectStatus().is2xxSuccessful();
        }
        String query = "/matrix?q%5B%5D%5Bpacticipant%5D=" + provider + "&q%5B%5D%5Bversion%5D=p1"
                + "&q%5B%5D%5Bpacticipant%5D=" + consumer + "&q%5B%5D%5Btag%5D=prod&latestby=cvpv";
        http.get().uri(URI.create(baseUrl() + query)).exchange()
                .expectBody()
                .jsonPath("$.matrix.length()").isEqualTo(2)
                .jsonPath("$.summary.deployable").isEqualTo(false);
        http.get().uri(URI.create(baseUrl() + query + "&ignore%5B%5D%5Bpacticipant%5D=" + consumer
                        + "&ignore%5B%5D%5Bversion%5D=2")).exchange()
                .expectBody()
                .jsonPath("$.matrix.length()").isEqualTo(2)
                .jsonPath("$.matrix[0].consumer.version.number").isEqualTo("1")
                .jsonPath("$.matrix[0].ignored").doesNotExist()
                .jsonPath("$.matrix[1].consumer.version.number").isEqualTo("2")
                .jsonPath("$.matrix[1].verificationResult.success").isEqualTo(false)
                .jsonPath("$.matrix[1].ignored").isEqualTo(true)
                .jsonPath("$.summary.ignored").isEqualTo(1)
                .jsonPath("$.summary.deployable").isEqualTo(true);
    }

    @Test
    void twoSelectorsWithoutATargetAreComparedWithEachOther() {
        publish("1", "main");
        verify("1", "p1", true);
        http.get().uri(URI.create(baseUrl() + "/matrix?q[][pacticipant]=" + consumer + "&q[][version]=1&q[][pacticipant]="
                        + provider + "&q[][version]=p1"))
                .exchange()
                .expectBody()
                .jsonPath("$.matrix.length()").isEqualTo(1)
                .jsonPath("$.summary.deployable").isEqualTo(true);
        http.get().uri(URI.create(baseUrl() + "/matrix?q%5B%5D%5Bpacticipant%5D=" + consumer + "&q%5B%5D%5Bversion%5D=1"
                        + "&q%5B%5D%5Bpacticipant%5D=" + provider + "&q%5B%5D%5Bversion%5D=p2"))
                .exchange()
                .expectBody()
                .jsonPath("$.summary.deployable").isEqualTo(false)
                .jsonPath("$.summary.reason").value(reason -> assertThat((String) reason)
                        .contains("No pacts or verifications have been published for version p2 of " + provider));
    }

    @Test
    void canIMergeChecksAgainstTheMainBranch() {
        publish("1", "main");
        http.put().uri("/pacticipants/{p}/branches/main/versions/p1", provider).exchange().expectStatus().isOk();
        http.get().uri("/can-i-merge?pacticipant={c}&version=1", consumer).exchange()
                .expectBody()
                .jsonPath("$.summary.deployable").doesNotExist()
                .jsonPath("$.summary.unknown").isEqualTo(1)
                .jsonPath("$.summary.reason").value(reason -> assertThat((String) reason)
                        .startsWith("There is no verified pact between version 1 of " + consumer));
        verify("1", "p1", true);
        http.get().uri("/can-i-merge?pacticipant={c}&version=1", consumer).exchange()
                .expectBody().jsonPath("$.summary.deployable").isEqualTo(true);
    }
}
