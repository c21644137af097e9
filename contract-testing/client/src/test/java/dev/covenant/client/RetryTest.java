package dev.covenant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.covenant.client.LoopbackServer.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RetryTest {

    private static final String DOCUMENT = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
    private static final String PUBLISHED = "{\"provider\":\"inventory\",\"version\":\"1.0.0\",\"sha256\":\"abc\"}";

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    private CovenantClient client(String url, int attempts) {
        return CovenantClient.create(ClientConfig.of(url).withRetry(RetryPolicy.DEFAULT.withMaxAttempts(attempts))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)), waits::add);
    }

    private Results.PublishedDocument publish(CovenantClient client) {
        return client.publishOpenApi("inventory", "1.0.0", "main", List.of(), null,
                DOCUMENT.getBytes(StandardCharsets.UTF_8), "application/yaml");
    }

    @Test
    void connectionRefusedIsRetriedThenExplained() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> publish(client("http://127.0.0.1:" + closedPort, 3)))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNREACHABLE);
                    assertThat(e.getMessage()).contains("connection refused", "after 3 attempts", "COVENANT_URL");
                });
        assertThat(waits).hasSize(2);
    }

    @Test
    void serviceUnavailableThenOkSucceedsWithTheSameRequest() {
        try (LoopbackServer server = new LoopbackServer(Answer.of(503, "{\"detail\":\"starting\"}"),
                Answer.of(201, PUBLISHED))) {
            Results.PublishedDocument published = publish(client(server.url(), 3));

            assertThat(published.created()).isTrue();
            assertThat(published.sha256()).isEqualTo("abc");
            assertThat(server.received).hasSize(2);
            assertThat(server.received.get(1).body()).isEqualTo(server.received.get(0).body()).isEqualTo(DOCUMENT);
            assertThat(server.received.get(0).uri()).isEqualTo("/applications/inventory/versions/1.0.0/openapi?branch=main");
            assertThat(waits).hasSize(1);
            assertThat(waits.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        }
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSays() {
        try (LoopbackServer server = new LoopbackServer(new Answer(429, "", Map.of("Retry-After", "2"), 0),
                Answer.of(200, PUBLISHED))) {
            Results.PublishedDocument published = publish(client(server.url(), 3));

            assertThat(published.created()).isFalse();
            assertThat(waits).containsExactly(Duration.ofSeconds(2));
        }
    }

    @Test
    void persistentServerErrorsFailAfterEveryAttemptWithTheRequestId() {
        try (LoopbackServer server = new LoopbackServer(new Answer(500, "{\"detail\":\"boom\"}",
                Map.of("X-Request-Id", "req-7"), 0))) {
            assertThatThrownBy(() -> publish(client(server.url(), 4)))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNREACHABLE);
                        assertThat(e.status()).isEqualTo(500);
                        assertThat(e.getMessage()).contains("after 4 attempts", "boom", "req-7");
                    });
            assertThat(server.received).hasSize(4);
            assertThat(waits).hasSize(3);
            // exponential: each computed wait is at least half its un-jittered base (0.5 s, 1 s, 2 s)
            assertThat(waits.get(2)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void slowAnswerTimesOutAndIsRetried() {
        try (LoopbackServer server = new LoopbackServer(new Answer(200, PUBLISHED, Map.of(), 3_000),
                Answer.of(200, PUBLISHED))) {
            CovenantClient client = CovenantClient.create(ClientConfig.of(server.url())
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)), waits::add);

            assertThat(publish(client).sha256()).isEqualTo("abc");
            assertThat(server.received).hasSize(2);
        }
    }

    @Test
    void refusalsAreNotRetriedAndSayWhatToDo() {
        try (LoopbackServer server = new LoopbackServer(Answer.of(409,
                "{\"type\":\"https://covenant.dev/problems/conflict\",\"detail\":\"inventory 1.0.0 already has different content\"}"))) {
            assertThatThrownBy(() -> publish(client(server.url(), 3)))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(RegistryException.Kind.CONFLICT);
                        assertThat(e.getMessage()).contains("already has different content", "new version");
                    });
            assertThat(server.received).hasSize(1);
            assertThat(waits).isEmpty();
        }
    }

    @Test
    void invalidDocumentListsTheViolations() {
        try (LoopbackServer server = new LoopbackServer(Answer.of(422, "{\"detail\":\"not a valid OpenAPI document\","
                + "\"violations\":[{\"pointer\":\"/paths/~1items/get\",\"line\":7,\"message\":\"responses is missing\"}]}"))) {
            assertThatThrownBy(() -> publish(client(server.url(), 3)))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(RegistryException.Kind.INVALID);
                        assertThat(e.getMessage()).contains("/paths/~1items/get (line 7): responses is missing");
                    });
        }
    }

    @Test
    void credentialsAreSentAndA401SaysHowToPassThem() {
        try (LoopbackServer server = new LoopbackServer(Answer.of(401, ""))) {
            CovenantClient bearer = CovenantClient.create(ClientConfig.of(server.url())
                    .withCredentials(Credentials.of("s3cret", null, null)), waits::add);
            CovenantClient basic = CovenantClient.create(ClientConfig.of(server.url())
                    .withCredentials(Credentials.of(null, "ci", "pw"))
                    .withSettingNames(new ClientConfig.SettingNames("--registry", "--token or COVENANT_TOKEN", "--username")),
                    waits::add);

            assertThatThrownBy(() -> publish(bearer)).hasMessageContaining("pass a token (COVENANT_TOKEN)")
                    .hasMessageNotContaining("--token");
            assertThatThrownBy(() -> publish(basic)).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("pass a token (--token or COVENANT_TOKEN)");

            assertThat(server.received.get(0).headers().get("Authorization")).containsExactly("Bearer s3cret");
            assertThat(server.received.get(1).headers().get("Authorization")).containsExactly("Basic Y2k6cHc=");
        }
    }

    @Test
    void retryAfterAsAnHttpDateAndCaps() {
        assertThat(Transport.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(Transport.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(Transport.retryAfter("soon")).isNull();
        assertThat(RetryPolicy.DEFAULT.delayBefore(2, Duration.ofHours(1), java.util.random.RandomGenerator.getDefault()))
                .isEqualTo(Duration.ofSeconds(30));
    }
}
