package dev.covenant.registry.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where webhooks may go, with the real client against a real receiver on loopback: https only, the host
 * allow-list, internal addresses refused unless configured, no redirects, bounded time and response size.
 */
class TargetSafetyTest {

    final Receiver receiver = Receiver.start();

    @AfterEach
    void stop() {
        receiver.close();
    }

    static NotificationsProperties defaults() {
        return new NotificationsProperties(null, null, null, null, null, null);
    }

    static NotificationsProperties loopbackAllowed(Duration timeout, int maxResponseBytes) {
        return new NotificationsProperties(true, List.of(), true, timeout, maxResponseBytes, null);
    }

    static WebhookClient client(NotificationsProperties properties) {
        return new WebhookClient(new TargetPolicy(properties), properties);
    }

    static OutboundRequest post(String url) {
        return new OutboundRequest("POST", url, Map.of("Content-Type", "application/json"), "{}");
    }

    @Test
    void byDefaultPlainHttpIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> client(defaults()).send(post(receiver.url("/hook")), Map.of()).block())
                .isInstanceOf(TargetPolicy.RefusedTarget.class).hasMessageContaining("must use https");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void byDefaultLoopbackPrivateAndLinkLocalTargetsAreRefused() {
        String https = "https://127.0.0.1:" + receiver.port() + "/hook";
        assertThatThrownBy(() -> client(defaults()).send(post(https), Map.of()).block())
                .isInstanceOf(TargetPolicy.RefusedTarget.class).hasMessageContaining("127.0.0.1")
                .hasMessageContaining("allow-private-addresses");
        TargetPolicy policy = new TargetPolicy(defaults());
        for (String host : List.of("localhost", "10.1.2.3", "192.168.0.10", "172.16.5.5", "169.254.169.254",
                "0.0.0.0", "[::1]", "[fe80::1]", "[fd00::1]", "[::ffff:127.0.0.1]", "100.64.0.1", "224.0.0.1")) {
            assertThatThrownBy(() -> policy.checkAddresses(URI.create("https://" + host + "/x")))
                    .as(host).isInstanceOf(TargetPolicy.RefusedTarget.class);
        }
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void publicAddressesPass() throws Exception {
        assertThat(TargetPolicy.internal(InetAddress.getByName("93.184.216.34"))).isFalse();
        assertThat(TargetPolicy.internal(InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946"))).isFalse();
        assertThat(new TargetPolicy(defaults()).checkUrl("https://hooks.slack.com/services/x").getHost())
                .isEqualTo("hooks.slack.com");
    }

    @Test
    void hostsOffTheAllowListAreRefused() {
        TargetPolicy policy = new TargetPolicy(new NotificationsProperties(null,
                List.of("hooks.example.com", "*.ci.example.org"), null, null, null, null));
        assertThat(policy.checkUrl("https://hooks.example.com/a").getHost()).isEqualTo("hooks.example.com");
        assertThat(policy.checkUrl("https://jenkins.ci.example.org/a").getHost()).isEqualTo("jenkins.ci.example.org");
        assertThatThrownBy(() -> policy.checkUrl("https://evil.example.net/a"))
                .isInstanceOf(TargetPolicy.RefusedTarget.class).hasMessageContaining("allowed-hosts");
        assertThatThrownBy(() -> policy.checkUrl("https://user:pw@hooks.example.com/a"))
                .isInstanceOf(TargetPolicy.RefusedTarget.class);
    }

    @Test
    void redirectsAreNotFollowed() {
        receiver.answering(n -> 302).responding("", Duration.ZERO, Map.of("Location", "http://169.254.169.254/latest"));
        WebhookClient.Response response = client(loopbackAllowed(Duration.ofSeconds(5), 1024))
                .send(post(receiver.url("/hook")), Map.of()).block();
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.successful()).isFalse();
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void responsesAreReadUpToTheCapAndSlowReceiversTimeOut() {
        receiver.responding("x".repeat(100_000), Duration.ZERO, Map.of());
        WebhookClient.Response response = client(loopbackAllowed(Duration.ofSeconds(5), 1000))
                .send(post(receiver.url("/big")), Map.of()).block();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).hasSize(1000);

        receiver.responding("late", Duration.ofSeconds(3), Map.of());
        long started = System.nanoTime();
        assertThatThrownBy(() -> client(loopbackAllowed(Duration.ofMillis(500), 1000))
                .send(post(receiver.url("/slow")), Map.of()).block())
                .hasMessageContaining("no response within");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
}
