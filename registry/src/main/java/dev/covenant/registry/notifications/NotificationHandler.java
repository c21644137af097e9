package dev.covenant.registry.notifications;

import dev.covenant.registry.events.Audience;
import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventHandler;
import dev.covenant.registry.events.EventTypes;
import dev.covenant.registry.teams.Teams;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns each event into deliveries for the teams' subscriptions it concerns: a {@code compatibility.checked}
 * or {@code proposal.*} event goes to the teams in its audience (the affected parties, the reviewers); other event types go to subscriptions
 * that list them, when the event is about one of the team's applications. One delivery per (event,
 * subscription), sent at once and queued for retries only when it fails; its id is deterministic, so handling an
 * event again sends nothing new.
 */
@Component
class NotificationHandler implements EventHandler {

    /** Deliveries of one event sent at once (each bounded by {@code covenant.notifications.timeout}). */
    static final int DELIVERIES_AT_ONCE = 8;

    private final Subscriptions subscriptions;
    private final Messages messages;
    private final Deliveries deliveries;
    private final Teams teams;

    NotificationHandler(Subscriptions subscriptions, Messages messages, Deliveries deliveries, Teams teams) {
        this.subscriptions = subscriptions;
        this.messages = messages;
        this.deliveries = deliveries;
        this.teams = teams;
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public Mono<String> handle(Event event) {
        List<Audience> audience = event.payload().audience();
        return subscriptions.all()
                .concatMap(subscription -> affected(subscription, event, audience)
                        .map(affected -> new Delivery(SubscriptionSigner.KIND, subscription.id(), subscription.team(),
                                event.id(), event.type(), event.application(), event.version(),
                                messages.render(subscription, event, affected),
                                messages.headline(subscription.team(), event, affected))))
                .flatMap(deliveries::deliver, DELIVERIES_AT_ONCE)
                .filter(Boolean::booleanValue)
                .count()
                .map(sent -> sent + " notification(s) sent or queued");
    }

    /** The audience entries this subscription's team should hear about; empty when the event is not for it. */
    private Mono<List<Audience>> affected(Subscription subscription, Event event, List<Audience> audience) {
        if (EventTypes.addressed(event.type())) {
            List<Audience> own = audience.stream().filter(entry -> subscription.team().equals(entry.team())).toList();
            return own.isEmpty() ? Mono.empty() : Mono.just(own);
        }
        if (!subscription.events().contains(event.type())) {
            return Mono.empty();
        }
        return Flux.fromStream(event.applications())
                .concatMap(teams::teamOf)
                .any(subscription.team()::equals)
                .filter(Boolean::booleanValue)
                .map(yes -> List.of());
    }
}
