package dev.covenant.registry.ui.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import dev.covenant.registry.CovenantRegistry;
import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.ui.UiScenario;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two registry instances sharing one store: documents, pacts and verifications written through the first one
 * reach no listener in the second, yet the second one's UI (search, application page) shows them within a few
 * polls of the event log, without a restart.
 */
class ReadModelFollowsOtherInstancesTest extends RegistryTest {

    @Autowired
    MongoClient mongo;

    private ConfigurableApplicationContext second;

    @AfterEach
    void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void secondInstanceIndexesWhatTheFirstOnePublishes() throws Exception {
        int storePort = mongo.getClusterDescription().getServerDescriptions().get(0).getAddress().getPort();
        second = SpringApplication.run(CovenantRegistry.class, "--server.port=0",
                "--covenant.storage.data-dir=" + Files.createTempDirectory("covenant-second"),
                "--covenant.storage.mongodb-uri=mongodb://127.0.0.1:" + storePort,
                "--covenant.ui.follow-interval=300ms");
        WebTestClient other = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + ((WebServerApplicationContext) second).getWebServer().getPort())
                .responseTimeout(Duration.ofSeconds(60)).build();
        ReadModel index = second.getBean(ReadModel.class);
        ReadModelFollower follower = second.getBean(ReadModelFollower.class);
        await().atMost(Duration.ofSeconds(60)).until(index::ready);

        String provider = unique("followed-orders");
        String consumer = unique("followed-shop");
        assertThat(page(other, "/ui/search?q=customerId")).doesNotContain(provider);

        // Written through the first instance only.
        http.put().uri("/applications/{a}/versions/{v}/openapi?branch=main", provider, "1.0.0")
                .contentType(MediaType.parseMediaType("application/yaml"))
                .bodyValue(UiScenario.document("1.0.0", false)).exchange().expectStatus().isCreated();
        http.put().uri("/pacts/provider/{p}/consumer/{c}/version/{v}?branch=main", provider, consumer, "1.0.0")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(UiScenario.pact(consumer, provider))
                .exchange().expectStatus().is2xxSuccessful();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> page(other, "/ui/search?q=customerId").contains("reads customerId from " + provider));
        assertThat(page(other, "/ui/search?q=customerId")).contains("schema Order").contains(consumer);
        assertThat(index.documentVersion(provider)).isEqualTo("1.0.0");
        assertThat(index.edges()).anySatisfy(edge -> {
            assertThat(edge.key()).isEqualTo(provider + "|" + consumer);
            assertThat(edge.status()).isEqualTo(Edge.Status.UNVERIFIED);
        });

        // A verification recorded on the first instance changes the second one's edge status too.
        AtomicReference<String> href = new AtomicReference<>();
        http.get().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", provider, consumer, "1.0.0").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$._links['pb:publish-verification-results'].href").value(h -> href.set((String) h));
        http.post().uri(URI.create(href.get())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"success\":false,\"providerApplicationVersion\":\"1.0.0\"}")
                .exchange().expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> index.edges().stream().anyMatch(edge -> edge.key().equals(provider + "|" + consumer)
                        && edge.status() == Edge.Status.FAILED));
        assertThat(page(other, "/ui/applications/" + provider)).contains(consumer).contains("fails against");

        // Once the checks' own events are followed too, a poll finds nothing new and re-indexes nothing.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> follower.followEvents().block(Duration.ofSeconds(30)) == 0);
    }

    private static String page(WebTestClient client, String uri) {
        return client.get().uri(uri).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
