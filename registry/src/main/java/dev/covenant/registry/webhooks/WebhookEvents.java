package dev.covenant.registry.webhooks;

import dev.covenant.registry.events.Event;
import dev.covenant.registry.events.EventPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The Pact Broker's webhook event names, and which registry events they stand for. */
final class WebhookEvents {

    static final String CONTRACT_CONTENT_CHANGED = "contract_content_changed";
    static final String CONTRACT_PUBLISHED = "contract_published";
    static final String CONTRACT_REQUIRING_VERIFICATION_PUBLISHED = "contract_requiring_verification_published";
    static final String VERIFICATION_PUBLISHED = "provider_verification_published";
    static final String VERIFICATION_SUCCEEDED = "provider_verification_succeeded";
    static final String VERIFICATION_FAILED = "provider_verification_failed";
    static final Set<String> NAMES = Set.of(CONTRACT_CONTENT_CHANGED, CONTRACT_PUBLISHED,
            CONTRACT_REQUIRING_VERIFICATION_PUBLISHED, VERIFICATION_PUBLISHED, VERIFICATION_SUCCEEDED,
            VERIFICATION_FAILED);

    private WebhookEvents() {
    }

    /** The webhook event names an event triggers, most specific first (empty for other events). */
    static List<String> namesOf(Event event) {
        List<String> names = new ArrayList<>();
        if (event.payload() instanceof EventPayload.PactPublished pact) {
            if (pact.contentChanged()) {
                names.add(CONTRACT_CONTENT_CHANGED);
            }
            names.add(CONTRACT_PUBLISHED);
            // every new pact needs verifying as far as Covenant knows; refined when it tracks verified content
            names.add(CONTRACT_REQUIRING_VERIFICATION_PUBLISHED);
        } else if (event.payload() instanceof EventPayload.VerificationPublished verification) {
            names.add(verification.success() ? VERIFICATION_SUCCEEDED : VERIFICATION_FAILED);
            names.add(VERIFICATION_PUBLISHED);
        }
        return names;
    }

    /** The first name the webhook listens to that the event triggers, or null when it does not trigger it. */
    static String triggered(Webhook webhook, Event event) {
        return namesOf(event).stream().filter(webhook.events()::contains).findFirst().orElse(null);
    }

    static String consumerOf(Event event) {
        return event.payload() instanceof EventPayload.VerificationPublished verification ? verification.consumer()
                : event.application();
    }

    static String providerOf(Event event) {
        return event.payload() instanceof EventPayload.PactPublished pact ? pact.provider() : event.application();
    }
}
