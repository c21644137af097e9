package dev.covenant.registry.notifications;

import dev.covenant.registry.events.Job;
import dev.covenant.registry.events.JobHandler;
import dev.covenant.registry.events.PermanentJobFailure;
import dev.covenant.registry.events.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends one queued delivery: adds the subscription's secrets, sends, and counts any 2xx as delivered. Any other
 * status or an I/O error fails the attempt ("HTTP 503", "connection refused"), which is retried with the
 * notifications' own back-off and then parked; a refused target is parked at once.
 */
@Component
class DeliveryHandler implements JobHandler {

    private final WebhookClient client;
    private final Map<String, DeliverySigner> signers;
    private final NotificationsProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    DeliveryHandler(WebhookClient client, List<DeliverySigner> signers, NotificationsProperties properties,
            Clock clock, MeterRegistry meters) {
        this.client = client;
        this.signers = signers.stream().collect(Collectors.toMap(DeliverySigner::kind, Function.identity()));
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public String type() {
        return Delivery.JOB_TYPE;
    }

    @Override
    public RetryPolicy retryPolicy() {
        return properties.retry().policy();
    }

    @Override
    public Mono<String> run(Job job) {
        Delivery delivery = Delivery.from(job.payload());
        DeliverySigner signer = signers.get(delivery.kind());
        if (signer == null) {
            return Mono.error(new PermanentJobFailure("unknown delivery kind " + delivery.kind()));
        }
        return signer.secretHeaders(delivery.subscriptionId(), delivery.request())
                .switchIfEmpty(Mono.error(() -> new PermanentJobFailure(
                        "subscription " + delivery.subscriptionId() + " was deleted")))
                .flatMap(headers -> client.send(delivery.request(), headers))
                .flatMap(response -> outcome(delivery, job, response));
    }

    private Mono<String> outcome(Delivery delivery, Job job, WebhookClient.Response response) {
        String detail = "HTTP " + response.status() + " in " + response.durationMillis() + " ms";
        if (!response.successful()) {
            return Mono.error(new IllegalStateException("HTTP " + response.status()));
        }
        if (job.attempts() == 1 && job.createdAt() != null) {
            Timer.builder("covenant.notifications.delivery.latency")
                    .description("From queuing a notification to its first successful delivery")
                    .register(meters).record(Duration.between(job.createdAt(), clock.instant()));
        }
        return Mono.just(detail);
    }
}
