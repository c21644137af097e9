package dev.covenant.registry.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fuzzing client reports a server that drops a kept-alive connection instead of hiding it behind a retry: a
 * server fault found by fuzzing must fail the input that met it.
 */
class RawHttpTest {

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread serving = new Thread(this::serve, "raw-http-test-server");
        serving.setDaemon(true);
        serving.start();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    /** Answers the first request of every connection keeping it alive, then drops the connection unanswered. */
    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                connections.incrementAndGet();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    // the request head
                }
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Request-Id: 1\r\n\r\nok"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    // the second request, never answered
                }
            } catch (IOException closed) {
                // the test is over
            }
        }
    }

    @Test
    void aConnectionDroppedWithoutAnAnswerFailsTheRequestThatMetIt() throws IOException {
        try (RawHttp client = new RawHttp(server.getLocalPort())) {
            RawHttp.Response first = client.get("/matrix?a=1");
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("ok");
            assertThat(first.registry()).isTrue();

            assertThatThrownBy(() -> client.get("/matrix?b=2"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("GET /matrix?b=2")
                    .hasMessageContaining("after GET /matrix?a=1 → 200 on the same connection");
        }
        assertThat(connections).hasValue(1);
    }
}
