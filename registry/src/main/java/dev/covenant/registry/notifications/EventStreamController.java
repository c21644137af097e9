package dev.covenant.registry.notifications;

import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.Links;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /events/stream} (Server-Sent Events: {@code id} = sequence, {@code event} = type, data = the event as
 * JSON; resumes after {@code Last-Event-ID}) and {@code /events} (a page of the log), filterable by team and
 * application.
 */
@RestController
class EventStreamController {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    static final Duration RECONNECT = Duration.ofSeconds(3);
    static final int MAX_PAGE = 1000;

    private final EventStream stream;

    EventStreamController(EventStream stream) {
        this.stream = stream;
    }

    @GetMapping(path = "/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Map<String, Object>>> follow(@RequestParam(required = false) String team,
            @RequestParam(required = false) String application,
            @RequestParam(required = false) Long after,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Mono<Long> start = lastEventId != null ? Mono.just(sequence(lastEventId))
                : after != null ? Mono.just(after) : stream.newest();
        Flux<ServerSentEvent<Map<String, Object>>> events = start
                .flatMapMany(stream::follow)
                .concatMap(event -> stream.matches(event, team, application)
                        .filter(Boolean::booleanValue)
                        .map(yes -> ServerSentEvent.<Map<String, Object>>builder(EventStream.view(event))
                                .id(Long.toString(event.sequence())).event(event.type()).build()));
        Flux<ServerSentEvent<Map<String, Object>>> heartbeats = Flux.interval(HEARTBEAT)
                .onBackpressureDrop()
                .map(tick -> ServerSentEvent.<Map<String, Object>>builder().comment("heartbeat").build());
        // Sent at once so the response is committed (and a browser's EventSource opens) before any event exists;
        // the retry hint tells a dropped client to reconnect after a few seconds.
        Flux<ServerSentEvent<Map<String, Object>>> hello = Flux.just(
                ServerSentEvent.<Map<String, Object>>builder().comment("ok").retry(RECONNECT).build());
        return Flux.concat(hello, Flux.merge(events, heartbeats));
    }

    @GetMapping("/events")
    Mono<ResponseEntity<Map<String, Object>>> page(@RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String team,
            @RequestParam(required = false) String application, ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        return stream.catchUp(after)
                .concatMap(event -> stream.matches(event, team, application)
                        .filter(Boolean::booleanValue)
                        .map(yes -> EventStream.view(event)))
                .take(size)
                .collectList()
                .map(items -> Hal.collection("events", items, links.raw("/events")));
    }

    private static long sequence(String lastEventId) {
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Last-Event-ID", "Last-Event-ID must be an event sequence number");
        }
    }
}
