package dev.covenant.registry.notifications;

import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Adds a subscription's secrets to a delivery at send time (so they are never stored in the queue): a signature
 * header, basic-auth credentials. One per kind of subscription.
 */
public interface DeliverySigner {

    /** The {@code kind} of deliveries this signer serves (e.g. "subscription", "webhook"). */
    String kind();

    /** The headers to add to this request; completes empty when the subscription no longer exists. */
    Mono<Map<String, String>> secretHeaders(String subscriptionId, OutboundRequest request);
}
