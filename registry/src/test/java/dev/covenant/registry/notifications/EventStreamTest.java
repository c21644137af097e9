package dev.covenant.registry.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventCodec;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.events.EventTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;

/** The event stream: ids are sequences, Last-Event-ID resumes, filters by application and team, then live. */
class EventStreamTest extends RegistryTest {

    static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() { };

    @Autowired
    EventLog events;

    Event record(String type, String application, String version, Map<String, Object> attributes) {
        return events.record(Event.of(application, version, EventCodec.fromDocument(type, attributes), unique("e"))).block();
    }

    Flux<ServerSentEvent<Map<String, Object>>> stream(String query, long lastEventId) {
        return http.get().uri("/events/stream" + query).accept(MediaType.TEXT_EVENT_STREAM)
                .header("Last-Event-ID", Long.toString(lastEventId))
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(SSE).getResponseBody()
                .filter(event -> event.event() != null);
    }

    @Test
    void resumesAfterTheLastEventIdThenFollowsLiveFilteredByApplication() {
        String app = unique("inventory");
        Event before = record(EventTypes.DEPLOYMENT_RECORDED, unique("other"), "1", Map.of("environment", "prod"));
        Event first = record(EventTypes.CONTRACT_PUBLISHED, app, "1.0.0", Map.of("branch", "main"));
        record(EventTypes.CONTRACT_PUBLISHED, unique("other"), "1.0.0", Map.of("branch", "main"));
        Event second = record(EventTypes.PACT_PUBLISHED, unique("orders"), "3", Map.of("provider", app));

        CompletableFuture<List<ServerSentEvent<Map<String, Object>>>> received =
                stream("?application=" + app, before.sequence()).take(3).collectList().toFuture();
        Event live = record(EventTypes.DEPLOYMENT_RECORDED, app, "1.0.0", Map.of("environment", "prod"));

        List<ServerSentEvent<Map<String, Object>>> got = received.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        assertThat(got).extracting(ServerSentEvent::id).containsExactly(Long.toString(first.sequence()),
                Long.toString(second.sequence()), Long.toString(live.sequence()));
        assertThat(got).extracting(ServerSentEvent::event).containsExactly(EventTypes.CONTRACT_PUBLISHED,
                EventTypes.PACT_PUBLISHED, EventTypes.DEPLOYMENT_RECORDED);
        assertThat(got.get(0).data()).containsEntry("application", app).containsEntry("version", "1.0.0")
                .containsEntry("type", EventTypes.CONTRACT_PUBLISHED).containsKey("createdAt");
    }

    @Test
    void filtersByTeamThroughOwnershipAndAudience() {
        String team = unique("checkout");
        String owned = unique("orders");
        http.put().uri("/teams/{t}", team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("applications", List.of(owned))).exchange().expectStatus().isOk();
        Event start = record(EventTypes.DEPLOYMENT_RECORDED, unique("x"), "1", Map.of("environment", "prod"));
        record(EventTypes.CONTRACT_PUBLISHED, unique("unowned"), "1", Map.of());
        Event mine = record(EventTypes.CONTRACT_PUBLISHED, owned, "2", Map.of());
        Event affecting = record(EventTypes.COMPATIBILITY_CHECKED, unique("provider"), "9", Map.of("compatible", false,
                "audience", List.of(Map.of("application", unique("someone"), "team", team, "role", "consumer",
                        "failures", List.of()))));

        List<ServerSentEvent<Map<String, Object>>> got = stream("?team=" + team, start.sequence()).take(2)
                .collectList().block(Duration.ofSeconds(30));

        assertThat(got).extracting(ServerSentEvent::id)
                .containsExactly(Long.toString(mine.sequence()), Long.toString(affecting.sequence()));
        http.get().uri("/events?after={a}&team={t}&limit=10", start.sequence(), team).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$._embedded.events.length()").isEqualTo(2)
                .jsonPath("$._embedded.events[0].sequence").isEqualTo(mine.sequence())
                .jsonPath("$._embedded.events[1].type").isEqualTo(EventTypes.COMPATIBILITY_CHECKED);
        http.get().uri("/events/stream").accept(MediaType.TEXT_EVENT_STREAM).header("Last-Event-ID", "abc")
                .exchange().expectStatus().isBadRequest();
    }
}
