package dev.covenant.registry.notifications;

import dev.covenant.registry.events.EventTypes;
import dev.covenant.registry.system.Bodies;
import dev.covenant.registry.system.Hal;
import dev.covenant.registry.system.InvalidRequestException;
import dev.covenant.registry.system.JsonBodies;
import dev.covenant.registry.system.Links;
import dev.covenant.registry.teams.Teams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /teams/{team}/subscriptions}: where a team's notifications go. Secrets are stored, never shown. */
@RestController
class SubscriptionController {

    static final Set<String> EVENT_TYPES = Set.of(EventTypes.CONTRACT_PUBLISHED, EventTypes.PACT_PUBLISHED,
            EventTypes.VERIFICATION_PUBLISHED, EventTypes.DEPLOYMENT_RECORDED, EventTypes.RELEASE_RECORDED,
            EventTypes.DEPLOYMENT_ENDED, EventTypes.RELEASE_SUPPORT_ENDED, EventTypes.COMPATIBILITY_CHECKED);
    static final int MAX_URL = 2048;

    private final Subscriptions subscriptions;
    private final Teams teams;
    private final TargetPolicy policy;
    private final JsonMapper json;

    SubscriptionController(Subscriptions subscriptions, Teams teams, TargetPolicy policy, JsonMapper json) {
        this.subscriptions = subscriptions;
        this.teams = teams;
        this.policy = policy;
        this.json = json;
    }

    @PostMapping("/teams/{team}/subscriptions")
    Mono<ResponseEntity<Map<String, Object>>> create(@PathVariable String team, ServerWebExchange exchange) {
        return teams.requireTeam(team)
                .then(Bodies.read(exchange.getRequest(), JsonBodies.MAX_BODY))
                .map(body -> JsonBodies.nonEmptyObject(json, body, "a url"))
                .flatMap(body -> subscriptions.create(team, url(body), format(body),
                        JsonBodies.optionalString(body, "secret"), events(body)))
                .map(created -> Hal.status(HttpStatus.CREATED, view(Links.of(exchange), created)));
    }

    @GetMapping("/teams/{team}/subscriptions")
    Mono<ResponseEntity<Map<String, Object>>> list(@PathVariable String team, ServerWebExchange exchange) {
        Links links = Links.of(exchange);
        return teams.requireTeam(team)
                .thenMany(subscriptions.ofTeam(team))
                .map(subscription -> view(links, subscription))
                .collectList()
                .map(items -> Hal.collection("subscriptions", items, links.href("teams", team, "subscriptions")));
    }

    @DeleteMapping("/teams/{team}/subscriptions/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String team, @PathVariable String id) {
        return subscriptions.delete(team, id).thenReturn(ResponseEntity.noContent().build());
    }

    private String url(JsonNode body) {
        String url = JsonBodies.optionalString(body, "url");
        if (url == null || url.isBlank()) {
            throw new InvalidRequestException("url", "url is required");
        }
        if (url.length() > MAX_URL) {
            throw new InvalidRequestException("url", "url must be at most " + MAX_URL + " characters");
        }
        try {
            policy.checkUrl(url);
        } catch (TargetPolicy.RefusedTarget e) {
            throw new InvalidRequestException("url", e.getMessage());
        }
        return url;
    }

    private static Subscription.Format format(JsonNode body) {
        String format = JsonBodies.optionalString(body, "format");
        if (format == null) {
            return Subscription.Format.JSON;
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> Subscription.Format.JSON;
            case "slack" -> Subscription.Format.SLACK;
            default -> throw new InvalidRequestException("format", "format must be json or slack");
        };
    }

    private static List<String> events(JsonNode body) {
        JsonNode events = body.get("events");
        if (events == null || events.isNull()) {
            return List.of();
        }
        if (!events.isArray()) {
            throw new InvalidRequestException("events", "events must be a list of event types");
        }
        List<String> types = new ArrayList<>();
        for (JsonNode event : events) {
            if (!event.isString() || !EVENT_TYPES.contains(event.asString())) {
                throw new InvalidRequestException("events", "unknown event type " + event + "; known: "
                        + String.join(", ", new java.util.TreeSet<>(EVENT_TYPES)));
            }
            types.add(event.asString());
        }
        return types;
    }

    static Map<String, Object> view(Links links, Subscription subscription) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", subscription.id());
        view.put("team", subscription.team());
        view.put("url", subscription.url());
        view.put("format", subscription.format().wire());
        view.put("events", subscription.events().isEmpty() ? List.of(EventTypes.COMPATIBILITY_CHECKED)
                : subscription.events());
        boolean hasSecret = subscription.secret() != null && !subscription.secret().isEmpty();
        view.put("hasSecret", hasSecret);
        if (hasSecret) {
            view.put("secret", "***");
        }
        view.put("createdAt", subscription.createdAt().toString());
        view.put("_links", Map.of(
                "self", Links.link(links.href("teams", subscription.team(), "subscriptions", subscription.id())),
                "team", Links.link(links.href("teams", subscription.team())),
                "deliveries", Links.link(links.raw("/notifications/deliveries?team=" + Links.encodeQuery(subscription.team())))));
        return view;
    }
}
