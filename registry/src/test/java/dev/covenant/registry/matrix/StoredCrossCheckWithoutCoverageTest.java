package dev.covenant.registry.matrix;

import static dev.covenant.registry.matrix.Gate.matrix;
import static dev.covenant.registry.matrix.Gate.message;
import static dev.covenant.registry.matrix.Gate.publishPact;
import static dev.covenant.registry.matrix.Gate.v3Pact;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.pacts.PactService;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;

/**
 * A cross-contract result stored before results recorded which interactions they checked (a successful check of a
 * message pact, as older versions stored it) is judged by its pact's interactions: it does not count.
 */
class StoredCrossCheckWithoutCoverageTest extends RegistryTest {

    @Autowired
    MongoDatabase database;
    @Autowired
    PactService pacts;

    @Test
    @SuppressWarnings("unchecked")
    void aSuccessStoredWithoutCoverageForAMessagePactDoesNotCount() {
        String consumer = unique("evt-web");
        String provider = unique("evt-api");
        publishPact(http, consumer, "1.0.0", provider, v3Pact(consumer, provider, List.of(),
                List.of(message("created"), message("shipped"))));
        http.put().uri("/pacticipants/{p}/branches/main/versions/2.0.0", provider).exchange().expectStatus().isOk();
        String sha = pacts.publication(provider, consumer, "1.0.0").block().sha();
        Mono.from(database.getCollection("cross_checks").insertOne(new Document("_id", sha + "|2.0.0")
                .append("sha", sha).append("consumer", consumer).append("provider", provider)
                .append("providerVersion", "2.0.0").append("documentSha", "legacy").append("success", true)
                .append("failures", List.of()).append("reportId", "legacy").append("checkedAt", new Date())))
                .block();

        Map<String, Object> summary = (Map<String, Object>) matrix(http, baseUrl(), consumer, "1.0.0", provider, "2.0.0")
                .get("summary");

        assertThat(summary.get("deployable")).isNull();
        assertThat((String) summary.get("reason")).endsWith(": 2 message interactions need a provider verification"
                + " (a cross-contract check only checks HTTP interactions)");
    }
}
