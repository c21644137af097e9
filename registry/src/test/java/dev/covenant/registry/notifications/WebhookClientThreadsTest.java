package dev.covenant.registry.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries run on the shared bounded workers and start no thread of their own. The JDK client's {@code sendAsync}
 * completes through CompletableFuture's default executor, which on a machine with two cores (a common pool of one
 * thread, as on CI) starts a new thread for every call: 40 deliveries started 40 threads.
 */
class WebhookClientThreadsTest {

    private final Receiver receiver = Receiver.start();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void deliveriesOneAfterAnotherStartNoThreadEach() {
        WebhookClient client = TargetSafetyTest.client(TargetSafetyTest.loopbackAllowed(Duration.ofSeconds(5), 4096));
        client.send(TargetSafetyTest.post(receiver.url("/warm-up")), Map.of()).block(Duration.ofSeconds(10));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getTotalStartedThreadCount();

        for (int n = 0; n < 40; n++) {
            WebhookClient.Response response = client.send(TargetSafetyTest.post(receiver.url("/hook/" + n)), Map.of())
                    .block(Duration.ofSeconds(10));
            assertThat(response.status()).isEqualTo(200);
        }

        assertThat(receiver.received()).hasSize(41);
        // the receiver's own executor and the bounded workers may add a few; a thread per delivery adds 40
        assertThat(threads.getTotalStartedThreadCount() - before).isLessThan(10);
    }
}
