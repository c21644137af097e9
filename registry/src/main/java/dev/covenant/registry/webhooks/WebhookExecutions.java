package dev.covenant.registry.webhooks;

import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventLog;
import dev.covenant.registry.notifications.OutboundRequest;
import dev.covenant.registry.notifications.WebhookClient;
import dev.covenant.registry.system.Links;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test execution of a webhook ({@code POST /webhooks/{uuid}/execute}): rendered with the latest matching pact or
 * verification (placeholder values when there is none), sent at once with the same safety checks as
 * deliveries, and answered in the Pact Broker's execution result shape, credentials redacted.
 */
@Component
class WebhookExecutions {

    static final int RECENT_EVENTS = 1000;

    private final EventLog events;
    private final WebhookTemplates templates;
    private final WebhookClient client;
    private final Clock clock;
    private final WebhookParties parties;

    WebhookExecutions(EventLog events, WebhookTemplates templates, WebhookClient client, Clock clock,
            WebhookParties parties) {
        this.parties = parties;
        this.events = events;
        this.templates = templates;
        this.client = client;
        this.clock = clock;
    }

    /** The outcome of one test execution. */
    record Result(OutboundRequest request, WebhookClient.Response response, String error, String logs) {

        boolean success() {
            return response != null && response.successful();
        }

        Map<String, Object> view(Links links, String uuid, JsonMapper json) {
            Map<String, Object> view = new LinkedHashMap<>();
            if (error != null) {
                view.put("error", Map.of("message", error));
            }
            Map<String, Object> requestView = new LinkedHashMap<>();
            requestView.put("headers", request.redactedHeaders());
            requestView.put("body", parsed(request.body(), json));
            requestView.put("url", request.url());
            view.put("request", requestView);
            if (response != null) {
                Map<String, Object> responseView = new LinkedHashMap<>();
                responseView.put("status", response.status());
                responseView.put("headers", response.headers());
                responseView.put("body", parsed(response.body(), json));
                view.put("response", responseView);
            }
            view.put("logs", logs);
            view.put("success", success());
            view.put("_links", Map.of("webhook", Links.link(links.href("webhooks", uuid)),
                    "try-again", Links.link(links.href("webhooks", uuid, "execute"), "Execute the webhook again", null)));
            return view;
        }

        private static Object parsed(String body, JsonMapper json) {
            if (body == null || body.isEmpty()) {
                return body;
            }
            try {
                return json.readTree(body);
            } catch (JacksonException e) {
                return body;
            }
        }
    }

    Mono<Result> execute(Webhook webhook) {
        return sample(webhook)
                .flatMap(event -> templates.parameters(event, eventName(webhook, event)))
                .switchIfEmpty(Mono.fromSupplier(() -> placeholders(webhook)))
                .map(values -> WebhookTemplates.render(webhook, values))
                .flatMap(request -> send(webhook, request));
    }

    private Mono<Event> sample(Webhook webhook) {
        return events.latest(RECENT_EVENTS)
                .filter(event -> WebhookEvents.triggered(webhook, event) != null)
                .concatMap(event -> parties.of(event)
                        .filter(about -> webhook.matches(about.getT1(), about.getT2()))
                        .map(about -> event))
                .next();
    }

    private static String eventName(Webhook webhook, Event event) {
        return WebhookEvents.triggered(webhook, event);
    }

    private static Map<String, String> placeholders(Webhook webhook) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("eventName", webhook.events().isEmpty() ? "" : webhook.events().get(0));
        values.put("consumerName", webhook.consumer() == null || webhook.consumer().name() == null ? ""
                : webhook.consumer().name());
        values.put("providerName", webhook.provider() == null || webhook.provider().name() == null ? ""
                : webhook.provider().name());
        return values;
    }

    private Mono<Result> send(Webhook webhook, OutboundRequest request) {
        Map<String, String> credentials = WebhookSigner.credentials(webhook);
        OutboundRequest shown = new OutboundRequest(request.method(), request.url(), merged(request, credentials),
                request.body());
        StringBuilder logs = new StringBuilder();
        log(logs, "INFO", "Executing webhook " + webhook.uuid() + ": " + request.method() + " " + request.url());
        shown.redactedHeaders().forEach((name, value) -> log(logs, "DEBUG", name + ": " + value));
        return client.send(request, credentials)
                .map(response -> {
                    log(logs, "INFO", "Received response for webhook " + webhook.uuid() + " status=" + response.status()
                            + " in " + response.durationMillis() + " ms");
                    return new Result(shown, response, null, logs.toString());
                })
                .onErrorResume(e -> {
                    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    log(logs, "ERROR", "Error executing webhook " + webhook.uuid() + ": " + message);
                    return Mono.just(new Result(shown, null, message, logs.toString()));
                });
    }

    private static Map<String, String> merged(OutboundRequest request, Map<String, String> credentials) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.putAll(credentials);
        return headers;
    }

    private void log(StringBuilder logs, String level, String message) {
        logs.append('[').append(clock.instant()).append("] ").append(level).append(": ").append(message).append('\n');
    }
}
