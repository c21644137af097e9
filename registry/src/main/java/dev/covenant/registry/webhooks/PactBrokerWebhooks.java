package dev.covenant.registry.webhooks;

import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventHandler;
import dev.covenant.registry.notifications.Deliveries;
import dev.covenant.registry.notifications.Delivery;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Triggers the Pact Broker webhooks an event matches (event name, consumer and provider): one delivery per
 * (event, webhook) with the request rendered from the event, sent from the event's job like every notification (queued for retries when it fails).
 */
@Component
class PactBrokerWebhooks implements EventHandler {

    private final WebhookStore store;
    private final WebhookTemplates templates;
    private final Deliveries deliveries;
    private final WebhookParties parties;

    PactBrokerWebhooks(WebhookStore store, WebhookTemplates templates, Deliveries deliveries, WebhookParties parties) {
        this.parties = parties;
        this.store = store;
        this.templates = templates;
        this.deliveries = deliveries;
    }

    @Override
    public String name() {
        return "pact-webhooks";
    }

    @Override
    public Mono<String> handle(Event event) {
        if (WebhookEvents.namesOf(event).isEmpty()) {
            return Mono.empty();
        }
        return parties.of(event)
                .flatMapMany(about -> store.all()
                        .filter(Webhook::enabled)
                        .filter(webhook -> webhook.matches(about.getT1(), about.getT2())))
                .concatMap(webhook -> {
                    String name = WebhookEvents.triggered(webhook, event);
                    if (name == null) {
                        return Mono.empty();
                    }
                    return templates.parameters(event, name)
                            .map(values -> new Delivery(WebhookSigner.KIND, WebhookSigner.PREFIX + webhook.uuid(), null,
                                    event.id(), event.type(), event.application(), event.version(),
                                    WebhookTemplates.render(webhook, values), "Pact Broker webhook "
                                    + webhook.uuid() + " — " + event.type() + " of " + event.application()
                                    + (event.version() == null ? "" : " " + event.version())))
                            .flatMap(deliveries::deliver);
                })
                .filter(Boolean::booleanValue)
                .count()
                .map(queued -> queued + " webhook(s) triggered");
    }
}
