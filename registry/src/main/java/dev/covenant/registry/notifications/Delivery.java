package dev.covenant.registry.notifications;

import org.bson.Document;

/**
 * One notification to deliver: a rendered request for one subscription and one event. Stored as the payload of
 * a {@code webhook.delivery} job whose id is {@code delivery:<subscriptionId>:<eventId>}, so handling an event
 * twice queues it once.
 *
 * @param kind           which {@link DeliverySigner} adds the secrets at send time
 * @param team           the subscribing team (null for Pact Broker webhooks)
 * @param headline       one line for people: who hears what ({@code "orders team — inventory-service 2.0.0 breaks GET
 *                       /items/{id} `name`"}); null for deliveries queued before it existed
 */
public record Delivery(String kind, String subscriptionId, String team, String eventId, String eventType,
        String application, String version, OutboundRequest request, String headline) {

    public static final String JOB_TYPE = "webhook.delivery";

    public String jobId() {
        return "delivery:" + subscriptionId + ":" + eventId;
    }

    Document toDocument() {
        return new Document("kind", kind).append("subscriptionId", subscriptionId).append("team", team)
                .append("eventId", eventId).append("eventType", eventType).append("application", application)
                .append("version", version).append("request", request.toDocument()).append("headline", headline);
    }

    static Delivery from(Document document) {
        return new Delivery(document.getString("kind"), document.getString("subscriptionId"),
                document.getString("team"), document.getString("eventId"), document.getString("eventType"),
                document.getString("application"), document.getString("version"),
                OutboundRequest.from(document.get("request", Document.class)), document.getString("headline"));
    }
}
