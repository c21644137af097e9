package dev.covenant.registry.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.RegistryTest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Every request on a keep-alive connection is answered, whatever the previous one was: answered from the caches
 * at once, queued behind a slower one (pipelined), or refused by the HTTP layer itself as an invalid URI.
 * Reactor Netty up to 1.3.7 stopped reading such a connection (reactor/reactor-netty#4361); each request here
 * waits at most 10 s for its answer, so a stall fails the test instead of hanging it.
 */
class KeepAliveTest extends RegistryTest {

    private static final int ANSWER_TIMEOUT_MS = 10_000;

    @Test
    void requestsAfterQuickAnswersOnOneConnectionAreAnswered() throws IOException {
        try (Socket socket = connect()) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 50; i++) {
                send(socket, "GET / HTTP/1.1\r\nHost: localhost\r\nAccept: application/hal+json\r\n\r\n");
                assertThat(status(in)).as("answer %d on the connection", i).isEqualTo(200);
            }
        }
    }

    @Test
    void pipelinedRequestsQueuedBehindASlowerOneAreAllAnswered() throws IOException {
        try (Socket socket = connect()) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int round = 0; round < 10; round++) {
                // The first reads the store; the two queued behind it are answered at once.
                send(socket, "GET /pacticipants HTTP/1.1\r\nHost: localhost\r\nAccept: application/hal+json\r\n\r\n"
                        + "GET / HTTP/1.1\r\nHost: localhost\r\nAccept: application/hal+json\r\n\r\n"
                        + "GET / HTTP/1.1\r\nHost: localhost\r\nAccept: application/hal+json\r\n\r\n");
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    statuses.add(status(in));
                }
                assertThat(statuses).as("round %d", round).containsExactly(200, 200, 200);
            }
        }
    }

    @Test
    void theRequestAfterAnInvalidUriRefusedByTheHttpLayerIsAnswered() throws IOException {
        try (Socket socket = connect()) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            send(socket, "GET /can-i-deploy?pacticipant=a|b HTTP/1.1\r\nHost: localhost\r\n\r\n");
            int refused = status(in);
            assertThat(refused).isEqualTo(400);
            send(socket, "GET / HTTP/1.1\r\nHost: localhost\r\nAccept: application/hal+json\r\n\r\n");
            if (closing) {
                // Announced: the connection ends at once (the client reconnects), it does not hang.
                assertThat(line(in)).isNull();
            } else {
                assertThat(status(in)).isEqualTo(200);
            }
        }
    }

    private boolean closing;

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(ANSWER_TIMEOUT_MS);
        return socket;
    }

    private static void send(Socket socket, String requests) throws IOException {
        socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Reads one whole response (a socket timeout if none comes) and returns its status. */
    private int status(InputStream in) throws IOException {
        String statusLine = line(in);
        assertThat(statusLine).as("a response (the connection was closed)").isNotNull();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = 0;
        boolean chunked = false;
        closing = false;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true;
            }
        }
        if (chunked) {
            for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                in.readNBytes(size);
                line(in);
            }
            line(in);
        } else {
            in.readNBytes((int) length);
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
        return line.isEmpty() ? null : line.toString();
    }
}
