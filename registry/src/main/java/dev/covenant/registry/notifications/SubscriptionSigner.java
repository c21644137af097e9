package dev.covenant.registry.notifications;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Signs deliveries of teams' subscriptions that have a secret: {@code X-Covenant-Timestamp} is the send time in
 * epoch seconds, {@code X-Covenant-Signature} is {@code sha256=} and the hex HMAC-SHA256, keyed with the secret,
 * of {@code <timestamp>.<body>}. Receivers recompute it and reject old timestamps, which stops replays.
 */
@Component
class SubscriptionSigner implements DeliverySigner {

    static final String KIND = "subscription";
    static final String SIGNATURE = "X-Covenant-Signature";
    static final String TIMESTAMP = "X-Covenant-Timestamp";

    private final Subscriptions subscriptions;
    private final Clock clock;

    SubscriptionSigner(Subscriptions subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Mono<Map<String, String>> secretHeaders(String subscriptionId, OutboundRequest request) {
        return subscriptions.find(subscriptionId)
                .map(subscription -> headers(subscription, request));
    }

    private Map<String, String> headers(Subscription subscription, OutboundRequest request) {
        if (subscription.secret() == null || subscription.secret().isEmpty()) {
            return Map.of();
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String body = request.body() == null ? "" : request.body();
        return Map.of(TIMESTAMP, timestamp, SIGNATURE, "sha256=" + hmac(subscription.secret(), timestamp + "." + body));
    }

    /** The hex HMAC-SHA256 of {@code text} keyed with {@code secret}. */
    static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
