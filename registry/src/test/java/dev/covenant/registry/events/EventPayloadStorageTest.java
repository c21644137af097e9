package dev.covenant.registry.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.events.Audience.Concern;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;

/**
 * Event payloads through the embedded MongoDB server: every kind reads back as the record it was written as, the
 * stored attributes keep the field names receivers see, and the shapes older versions stored still read.
 */
class EventPayloadStorageTest extends RegistryTest {

    @Autowired
    EventLog events;

    @Autowired
    MongoDatabase database;

    private Event stored(EventPayload payload) {
        Event event = Event.of(unique("app"), "1.0.0", payload, unique("d"));
        events.record(event).block();
        return events.find(event.id()).block();
    }

    @Test
    void everyKindOfPayloadReadsBackAsTheRecordItWasRecordedAs() {
        Audience consumer = new Audience("orders", "checkout", "consumer", List.of(new Concern("get an item",
                "GET /items/{id}", "price", "response.body.unexpected", "response-property-removed",
                "no 'price' any more", null)));
        Audience reviewer = new Audience("billing", "payments", "required-reviewer",
                List.of(new Concern(null, "DELETE /items/{id}", null, null, "api-removed", "removed", "fp-1")));
        List<EventPayload> payloads = List.of(
                new EventPayload.ContractPublished("a".repeat(64), "main", List.of("prod", "v1")),
                new EventPayload.PactPublished("inventory", "b".repeat(64), "feat/x", List.of(), false),
                new EventPayload.VerificationPublished("orders", "c".repeat(64), true, 42L, List.of("main"),
                        "https://ci.example/1"),
                new EventPayload.DeploymentRecorded("production", "env-1", "blue"),
                new EventPayload.ReleaseRecorded("production", "env-1"),
                new EventPayload.DeploymentEnded("production", "env-1", "blue"),
                new EventPayload.ReleaseSupportEnded("production", "env-1"),
                new EventPayload.CompatibilityChecked("r1", false, EventTypes.CONTRACT_PUBLISHED, "breaks orders",
                        "/compatibility-reports/r1", List.of(consumer)),
                new EventPayload.ProposalChanged(EventTypes.PROPOSAL_REVIEWED, "p1", "Drop delete", 2, "open",
                        "inventory-team", "Team payments approved", "/proposals/p1", List.of(reviewer), "payments",
                        "approved"));

        for (EventPayload payload : payloads) {
            Event read = stored(payload);
            assertThat(read.payload()).as(payload.type()).isEqualTo(payload);
            assertThat(read.type()).isEqualTo(payload.type());
        }
    }

    @Test
    void storedAttributesKeepTheFieldNamesWebhookReceiversSee() {
        Event read = stored(new EventPayload.PactPublished("inventory", "d".repeat(64), null, List.of("dev"), true));

        Document raw = Mono.from(database.getCollection("events").find(new Document("_id", read.id())).first())
                .block();
        assertThat(raw.get("attributes", Document.class))
                .containsEntry("provider", "inventory")
                .containsEntry("contentChanged", true)
                .containsEntry("tags", List.of("dev"))
                .doesNotContainKey("branch");
        assertThat(read.applications()).containsExactly(read.application(), "inventory");
    }

    @Test
    void theFirstShapeOfTheAudienceAndFlagsStoredAsTextStillRead() {
        String id = unique("legacy");
        Document attributes = new Document("compatible", "false").append("reportId", "r-old")
                .append("affectedConsumers", List.of(new Document("consumer", "orders").append("team", "checkout")
                        .append("failures", List.of(new Document("operation", "GET /items/{id}")
                                .append("field", "price").append("ruleId", "response-property-removed")))));
        insertRaw(id, EventTypes.COMPATIBILITY_CHECKED, attributes);
        String pact = unique("legacy-pact");
        insertRaw(pact, EventTypes.PACT_PUBLISHED, new Document("provider", "inventory").append("sha", "e")
                .append("contentChanged", "false"));

        EventPayload.CompatibilityChecked checked = (EventPayload.CompatibilityChecked) events.find(id).block()
                .payload();
        assertThat(checked.compatible()).isFalse();
        assertThat(checked.audience()).containsExactly(new Audience("orders", "checkout", "consumer",
                List.of(new Concern(null, "GET /items/{id}", "price", null, "response-property-removed", null,
                        null))));
        assertThat(((EventPayload.PactPublished) events.find(pact).block().payload()).contentChanged()).isFalse();
    }

    @Test
    void anEventOfATypeThisVersionDoesNotKnowReadsWithoutActingOnIt() {
        String id = unique("future");
        insertRaw(id, "schema.registered", new Document("subject", "x"));

        Event read = events.find(id).block();

        assertThat(read.payload()).isEqualTo(new EventPayload.Unrecognised("schema.registered"));
        assertThat(read.payload().audience()).isEmpty();
        assertThat(read.attributes()).isEmpty();
    }

    private void insertRaw(String id, String type, Document attributes) {
        Mono.from(database.getCollection("events").insertOne(new Document("_id", id).append("type", type)
                .append("application", "inventory").append("version", "1.0.0").append("attributes", attributes)
                .append("createdAt", Date.from(Instant.now())).append("sequence", -1L))).block();
    }
}
