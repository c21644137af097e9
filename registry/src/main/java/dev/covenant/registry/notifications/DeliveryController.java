package dev.covenant.registry.notifications;

import dev.covenant.registry.events.Job;
import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.Links;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code /notifications/deliveries}: the delivery log, each attempt's outcome, and replay of parked deliveries. */
@RestController
class DeliveryController {

    private final Deliveries deliveries;

    DeliveryController(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/notifications/deliveries")
    Mono<ResponseEntity<Map<String, Object>>> list(@RequestParam(required = false) String status,
            @RequestParam(required = false) String team, @RequestParam(defaultValue = "100") int limit,
            ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return deliveries.list(status, team, Math.max(1, Math.min(limit, Deliveries.MAX_LISTED)))
                .map(job -> view(links, job, false))
                .collectList()
                .map(items -> Hal.collection("deliveries", items, links.raw("/notifications/deliveries")));
    }

    @GetMapping("/notifications/deliveries/{id}")
    Mono<ResponseEntity<Map<String, Object>>> show(@PathVariable String id, ServerWebExchange exchange) {
        return deliveries.find(id).map(job -> Hal.ok(view(Links.of(exchange), job, true)));
    }

    @PostMapping("/notifications/deliveries/{id}/replay")
    Mono<ResponseEntity<Map<String, Object>>> replay(@PathVariable String id, ServerWebExchange exchange) {
        return deliveries.replay(id).map(job -> ResponseEntity.accepted().contentType(Hal.HAL_JSON)
                .body(view(Links.of(exchange), job, true)));
    }

    static String status(Job.Status status) {
        return switch (status) {
            case DONE -> "delivered";
            case PARKED -> "parked";
            case PENDING, RUNNING -> "pending";
        };
    }

    static Map<String, Object> view(Links links, Job job, boolean detailed) {
        Delivery delivery = Delivery.from(job.payload());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", job.id());
        view.put("status", status(job.status()));
        view.put("team", delivery.team());
        view.put("subscriptionId", delivery.subscriptionId());
        view.put("kind", delivery.kind());
        view.put("eventId", delivery.eventId());
        view.put("eventType", delivery.eventType());
        view.put("application", delivery.application());
        view.put("version", delivery.version());
        view.put("headline", delivery.headline());
        view.put("url", delivery.request().url());
        view.put("attempts", job.history().stream().map(DeliveryController::attempt).toList());
        view.put("lastError", job.status() == Job.Status.DONE ? null : job.lastError());
        view.put("nextAttemptAt", job.status() == Job.Status.PENDING && job.runAt() != null ? job.runAt().toString() : null);
        view.put("createdAt", job.createdAt() == null ? null : job.createdAt().toString());
        view.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
        if (detailed) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("method", delivery.request().method());
            request.put("url", delivery.request().url());
            request.put("headers", delivery.request().redactedHeaders());
            request.put("body", delivery.request().body());
            view.put("request", request);
        }
        Map<String, Object> linksView = new LinkedHashMap<>();
        linksView.put("self", Links.link(links.href("notifications", "deliveries", job.id())));
        if (job.status() == Job.Status.PARKED) {
            linksView.put("replay", Links.link(links.href("notifications", "deliveries", job.id(), "replay")));
        }
        view.put("_links", linksView);
        view.values().removeIf(java.util.Objects::isNull);
        return view;
    }

    private static Map<String, Object> attempt(Job.Attempt attempt) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("number", attempt.number());
        view.put("status", attempt.outcome().toLowerCase(Locale.ROOT));
        view.put("time", attempt.startedAt().toString());
        view.put("durationMillis", attempt.durationMillis());
        if ("ok".equals(attempt.outcome())) {
            view.put("detail", attempt.detail());
        } else {
            view.put("error", attempt.detail());
        }
        return view;
    }
}
