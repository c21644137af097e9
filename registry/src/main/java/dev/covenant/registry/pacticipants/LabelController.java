package dev.covenant.registry.pacticipants;

import static dev.covenant.registry.system.Links.link;

import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.Links;
import dev.covenant.registry.system.Names;
import dev.covenant.registry.system.NotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The Pact Broker's pacticipant labels ({@code pb:label}), by which webhooks can select consumers and providers. */
@RestController
class LabelController {

    private final Pacticipants pacticipants;
    private final ApplicationOwnership ownership;

    LabelController(Pacticipants pacticipants, ApplicationOwnership ownership) {
        this.pacticipants = pacticipants;
        this.ownership = ownership;
    }

    @PutMapping("/pacticipants/{name}/labels/{label}")
    Mono<ResponseEntity<Map<String, Object>>> put(@PathVariable String name, @PathVariable String label,
            ServerWebExchange exchange) {
        return Mono.fromCallable(() -> Names.require("label", label))
                .then(ownership.requireCallerMayWrite(name))
                .then(pacticipants.application(name))
                .map(existing -> existing.labels().contains(label))
                .defaultIfEmpty(false)
                .flatMap(existed -> pacticipants.addLabel(name, label)
                        .map(labelled -> Hal.status(existed ? HttpStatus.OK : HttpStatus.CREATED,
                                view(Links.of(exchange), name, label))));
    }

    @GetMapping("/pacticipants/{name}/labels/{label}")
    Mono<ResponseEntity<Map<String, Object>>> get(@PathVariable String name, @PathVariable String label,
            ServerWebExchange exchange) {
        return pacticipants.requireApplication(name)
                .filter(application -> application.labels().contains(label))
                .switchIfEmpty(Mono.error(() -> new NotFoundException(
                        "No label '" + label + "' on application '" + name + "'")))
                .map(application -> Hal.ok(view(Links.of(exchange), name, label)));
    }

    @DeleteMapping("/pacticipants/{name}/labels/{label}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String name, @PathVariable String label) {
        return ownership.requireCallerMayWrite(name)
                .then(pacticipants.removeLabel(name, label))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping("/pacticipants/label/{label}")
    Mono<ResponseEntity<Map<String, Object>>> labelled(@PathVariable String label, ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return pacticipants.labelled(label)
                .map(application -> PacticipantViews.pacticipant(links, application, null))
                .collectList()
                .map(items -> Hal.ok(PacticipantViews.pacticipants(links, items)));
    }

    private static Map<String, Object> view(Links links, String name, String label) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", label);
        body.put("_embedded", Map.of("pacticipant", Map.of("name", name,
                "_links", Map.of("self", link(links.href("pacticipants", name))))));
        body.put("_links", Map.of(
                "self", link(links.href("pacticipants", name, "labels", label), "Label", label),
                "pb:pacticipant", link(links.href("pacticipants", name), "Pacticipant", name)));
        return body;
    }
}
