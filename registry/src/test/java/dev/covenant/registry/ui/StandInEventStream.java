package dev.covenant.registry.ui;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Until issue 5 serves {@code /events/stream}, this stands in for it in LiveEventsBrowserTest only (its own
 * path, switched on by a property): Server-Sent Events in the shape docs/design/contracts-between-parts.md names
 * ({@code event:} = type, {@code id:} = sequence, data = the Event as JSON), pushed by the test.
 */
@RestController
@ConditionalOnProperty(name = "covenant.test.stand-in-event-stream", havingValue = "true")
class StandInEventStream {

    static final String PATH = "/test/events/stream";
    static final Sinks.Many<ServerSentEvent<String>> EVENTS = Sinks.many().multicast().directBestEffort();

    @GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> stream() {
        // A first comment commits the response, so the browser's EventSource opens before any event exists.
        return Flux.concat(Flux.just(ServerSentEvent.<String>builder().comment("connected").build()), EVENTS.asFlux());
    }

    static void publish(long sequence, String type, String application, String version) {
        String data = "{\"id\":\"e" + sequence + "\",\"type\":\"" + type + "\",\"application\":\"" + application
                + "\",\"version\":\"" + version + "\",\"attributes\":{},\"createdAt\":\"2026-11-26T23:30:00Z\","
                + "\"sequence\":" + sequence + "}";
        EVENTS.tryEmitNext(ServerSentEvent.builder(data).id(Long.toString(sequence)).event(type).build());
    }
}
