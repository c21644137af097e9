package dev.covenant.registry.storage;

import com.mongodb.reactivestreams.client.MongoClient;
import dev.covenant.registry.CovenantRegistry;
import dev.covenant.registry.RegistryTest;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two registry instances on one store: what a gate (can-i-deploy, the matrix, for-verification) answers on the
 * second one agrees, at once and without a sleep, with a verification or tag just published through the first
 * (for-verification's pending status too, read from the verification summaries of ADR 0036),
 * although both keep read caches (the second one with its default 5 s time to live).
 */
class GateReadsAcrossInstancesTest extends RegistryTest {

    @Autowired
    MongoClient mongo;

    private ConfigurableApplicationContext second;
    private WebTestClient other;
    private final String consumer = unique("gate-shop");
    private final String provider = unique("gate-orders");

    @BeforeEach
    void startSecond() throws Exception {
        int storePort = mongo.getClusterDescription().getServerDescriptions().get(0).getAddress().getPort();
        second = SpringApplication.run(CovenantRegistry.class, "--server.port=0",
                "--covenant.storage.data-dir=" + Files.createTempDirectory("covenant-second"),
                "--covenant.storage.mongodb-uri=mongodb://127.0.0.1:" + storePort);
        other = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + ((WebServerApplicationContext) second).getWebServer().getPort())
                .responseTimeout(Duration.ofSeconds(60)).build();
    }

    @AfterEach
    void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void canIDeployOnTheSecondInstanceFollowsVerificationsPublishedThroughTheFirst() {
        http.put().uri("/pacticipants/{c}/branches/main/versions/1", consumer).exchange().expectStatus().isOk();
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact()).exchange().expectStatus().is2xxSuccessful();
        tag("p1", "prod");

        // The second instance reads (and caches) the heads while nothing is verified.
        canIDeploy().jsonPath("$.summary.unknown").isEqualTo(1).jsonPath("$.summary.failed").isEqualTo(0);
        forVerification().jsonPath("$._embedded.pacts.length()").isEqualTo(1);

        verify("p1", false);
        canIDeploy().jsonPath("$.summary.deployable").isEqualTo(false)
                .jsonPath("$.summary.failed").isEqualTo(1)
                .jsonPath("$.summary.unknown").isEqualTo(0)
                .jsonPath("$.matrix[0].verificationResult.success").isEqualTo(false);

        verify("p2", true);
        // Verified by p2, but prod still runs p1.
        canIDeploy().jsonPath("$.summary.deployable").isEqualTo(false).jsonPath("$.summary.failed").isEqualTo(1);
        tag("p2", "prod");
        canIDeploy().jsonPath("$.summary.deployable").isEqualTo(true)
                .jsonPath("$.summary.success").isEqualTo(1)
                .jsonPath("$.matrix[0].provider.version.number").isEqualTo("p2");
    }

    @Test
    void pendingStatusOnTheSecondInstanceFollowsVerificationsPublishedThroughTheFirst() {
        http.put().uri("/pacticipants/{c}/branches/main/versions/1", consumer).exchange().expectStatus().isOk();
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(pact()).exchange().expectStatus().is2xxSuccessful();
        // The second instance reads (and caches) the integration's verification summary while nothing is verified.
        pending().isEqualTo(true);

        http.put().uri("/pacticipants/{p}/branches/main/versions/p1", provider).exchange().expectStatus().isOk();
        verify("p1", false);
        pending().isEqualTo(true);
        http.put().uri("/pacticipants/{p}/branches/main/versions/p2", provider).exchange().expectStatus().isOk();
        verify("p2", true);
        pending().isEqualTo(false);
    }

    private org.springframework.test.web.reactive.server.JsonPathAssertions pending() {
        return other.post().uri("/pacts/provider/{p}/for-verification", provider)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"consumerVersionSelectors\":[{\"mainBranch\":true}],\"includePendingStatus\":true,"
                        + "\"providerVersionBranch\":\"main\"}")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$._embedded.pacts[0].verificationProperties.pending");
    }

    private WebTestClient.BodyContentSpec canIDeploy() {
        return other.get().uri("/can-i-deploy?pacticipant={c}&version=1&to=prod", consumer).exchange()
                .expectStatus().isOk().expectBody();
    }

    private WebTestClient.BodyContentSpec forVerification() {
        return other.post().uri("/pacts/provider/{p}/for-verification", provider)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"consumerVersionSelectors\":[{\"mainBranch\":true}]}")
                .exchange().expectStatus().isOk().expectBody();
    }

    private void tag(String providerVersion, String tag) {
        http.put().uri("/pacticipants/{p}/versions/{v}/tags/{t}", provider, providerVersion, tag)
                .contentType(MediaType.APPLICATION_JSON).exchange().expectStatus().is2xxSuccessful();
    }

    private void verify(String providerVersion, boolean success) {
        AtomicReference<String> href = new AtomicReference<>();
        http.get().uri("/pacts/provider/{p}/consumer/{c}/version/1", provider, consumer).exchange()
                .expectBody().jsonPath("$._links['pb:publish-verification-results'].href").value(h -> href.set((String) h));
        http.post().uri(URI.create(href.get())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"success\":" + success + ",\"providerApplicationVersion\":\"" + providerVersion + "\"}")
                .exchange().expectStatus().isCreated();
    }

    private String pact() {
        return "{\"consumer\":{\"name\":\"" + consumer + "\"},\"provider\":{\"name\":\"" + provider + "\"},"
                + "\"interactions\":[{\"description\":\"d\",\"request\":{\"method\":\"GET\",\"path\":\"/\"},"
                + "\"response\":{\"status\":200}}]}";
    }
}
