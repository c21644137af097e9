package dev.covenant.registry.webhooks;

import dev.covenant.registry.notifications.DeliverySigner;
import dev.covenant.registry.notifications.OutboundRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Adds a Pact Broker webhook's credentials at send time: its credential headers and basic auth. */
@Component
class WebhookSigner implements DeliverySigner {

    static final String KIND = "webhook";
    static final String PREFIX = "webhook-";

    private final WebhookStore store;

    WebhookSigner(WebhookStore store) {
        this.store = store;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Mono<Map<String, String>> secretHeaders(String subscriptionId, OutboundRequest request) {
        return store.find(subscriptionId.substring(PREFIX.length())).map(WebhookSigner::credentials);
    }

    static Map<String, String> credentials(Webhook webhook) {
        Map<String, String> headers = new LinkedHashMap<>();
        webhook.request().headers().forEach((name, value) -> {
            if (OutboundRequest.isSecret(name)) {
                headers.put(name, value);
            }
        });
        if (webhook.request().username() != null) {
            String pair = webhook.request().username() + ":" + (webhook.request().password() == null ? ""
                    : webhook.request().password());
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return headers;
    }
}
