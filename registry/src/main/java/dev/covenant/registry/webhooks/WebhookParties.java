package dev.covenant.registry.webhooks;

import dev.covenant.registry.events.Event;
import dev.covenant.registry.pacticipants.Application;
import dev.covenant.registry.pacticipants.Pacticipants;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

/** The consumer and provider an event is about, with their labels, for matching webhooks' selectors. */
@Component
class WebhookParties {

    private final Pacticipants pacticipants;

    WebhookParties(Pacticipants pacticipants) {
        this.pacticipants = pacticipants;
    }

    Mono<Tuple2<Webhook.Party, Webhook.Party>> of(Event event) {
        return party(WebhookEvents.consumerOf(event))
                .zipWith(party(WebhookEvents.providerOf(event)));
    }

    private Mono<Webhook.Party> party(String name) {
        if (name == null) {
            return Mono.just(new Webhook.Party(null, List.of()));
        }
        return pacticipants.application(name)
                .map(Application::labels)
                .defaultIfEmpty(List.of())
                .map(labels -> new Webhook.Party(name, labels));
    }
}
