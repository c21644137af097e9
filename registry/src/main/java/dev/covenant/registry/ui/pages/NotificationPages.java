package dev.covenant.registry.ui.pages;

import dev.covenant.registry.ui.UiProperties;
import dev.covenant.registry.ui.model.ActivityReader;
import dev.covenant.registry.ui.view.UiFormat;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The notification log: webhook deliveries, the parked ones with a replay button, and new events as they
 * happen (the page's script follows {@code /events/stream}, {@link UiProperties#eventStream()}). Deliveries and
 * replays go through {@link ActivityReader}, which calls the notifications service in process.
 */
@Controller
class NotificationPages {

    private final ActivityReader activity;
    private final UiProperties properties;

    NotificationPages(ActivityReader activity, UiProperties properties) {
        this.activity = activity;
        this.properties = properties;
    }

    /**
     * A delivery as listed: one line for people ({@link #line()}), the internal ids for the detail view. Every
     * field may be absent (deliveries recorded before a field existed).
     */
    public record DeliveryRow(String id, String status, String team, String event, String target, String attempts,
            String lastError, String createdAt, String headline, String application, String version,
            String finishedAt) {

        static DeliveryRow of(Map<String, Object> item) {
            Object attempts = item.get("attempts");
            String attemptCount = attempts instanceof List<?> list ? String.valueOf(list.size())
                    : attempts == null ? "" : String.valueOf(attempts);
            return new DeliveryRow(text(item, "id"), text(item, "status"), text(item, "team"),
                    firstText(item, "eventType", "event", "type"), firstText(item, "url", "target"), attemptCount,
                    firstText(item, "lastError", "error"), firstText(item, "createdAt", "updatedAt"),
                    text(item, "headline"), text(item, "application"), text(item, "version"), text(item, "finishedAt"));
        }

        /**
         * "orders team — inventory-service 2.0.0 breaks GET /items/{id} `name` — delivered 2026-12-02 14:02 UTC after 2
         * attempts" (the page shows the time in the reader's time zone).
         */
        public String line() {
            return String.join("", lineParts());
        }

        /**
         * The line in three parts: before its time, the time (UTC, empty when the line has none; the page shows it
         * in the reader's time zone), after it.
         */
        public List<String> lineParts() {
            String what = !headline.isEmpty() ? headline
                    : (team.isEmpty() ? "" : team + " team — ") + event + " of " + application
                            + (version.isEmpty() ? "" : " " + version);
            List<String> outcome = outcome();
            return List.of(what + " — " + outcome.get(0), outcome.get(1), outcome.get(2));
        }

        private List<String> outcome() {
            int count = attempts.isEmpty() ? 0 : Integer.parseInt(attempts);
            String tries = count == 1 ? "1 attempt" : count + " attempts";
            return switch (status) {
                case "delivered" -> List.of("delivered ", time(finishedAt.isEmpty() ? createdAt : finishedAt),
                        count > 1 ? " after " + tries : "");
                case "parked" -> List.of("not delivered after " + tries
                        + (lastError.isEmpty() ? "" : " (" + lastError + ")") + "; parked for replay", "", "");
                default -> count == 0 ? List.of("queued ", time(createdAt), "")
                        : List.of("retrying after " + tries + (lastError.isEmpty() ? "" : " (" + lastError + ")"),
                                "", "");
            };
        }

        private static String time(String iso) {
            try {
                return iso.isEmpty() ? "" : UiFormat.time(java.time.Instant.parse(iso));
            } catch (java.time.format.DateTimeParseException e) {
                return iso;
            }
        }

        private static String firstText(Map<String, Object> item, String... keys) {
            for (String key : keys) {
                String value = text(item, key);
                if (!value.isEmpty()) {
                    return value;
                }
            }
            return "";
        }

        private static String text(Map<String, Object> item, String key) {
            Object value = item.get(key);
            return value == null || value instanceof Map || value instanceof List ? "" : String.valueOf(value);
        }
    }

    @GetMapping("/ui/notifications")
    Mono<Rendering> notifications(ServerWebExchange exchange) {
        return Mono.zip(activity.deliveries(null), activity.deliveries("parked"))
                .map(feeds -> Rendering.view("ui/notifications")
                        .modelAttribute("available", feeds.getT1().available())
                        .modelAttribute("eventStream", properties.eventStream())
                        .modelAttribute("deliveries", feeds.getT1().items().stream().map(DeliveryRow::of).toList())
                        .modelAttribute("parked", feeds.getT2().items().stream().map(DeliveryRow::of).toList())
                        .modelAttribute("replayed", exchange.getRequest().getQueryParams().getFirst("replayed"))
                        .build());
    }

    @PostMapping("/ui/notifications/deliveries/{id}/replay")
    Mono<Rendering> replay(@PathVariable String id, ServerWebExchange exchange) {
        return activity.replay(id)
                .map(accepted -> Rendering.redirectTo("/ui/notifications?replayed=" + (accepted ? "ok" : "failed"))
                        .build());
    }
}
