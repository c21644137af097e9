package dev.covenant.registry.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client over one keep-alive socket that sends the request target exactly as given (no
 * encoding, no validation), so fuzzed query strings reach the server byte for byte.
 */
final class RawHttp implements AutoCloseable {

    /** A response: status and body; {@code registry} false when the HTTP adapter answered before the registry. */
    record Response(int status, String body, boolean registry) {
    }

    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private String previous;
    private int previousStatus;

    RawHttp(int port) {
        this.port = port;
    }

    /**
     * GETs the target over the open connection, or a new one if the last answer closed it. No retry: a connection
     * that fails in the middle of an exchange is an error of the server under test, reported with the target and
     * the exchange before it.
     */
    Response get(String target) throws IOException {
        boolean reused = socket != null;
        try {
            return exchange(target);
        } catch (IOException failed) {
            close();
            throw new IOException((failed instanceof java.net.SocketTimeoutException ? "no answer within the timeout"
                    : "the connection failed (" + failed.getMessage() + ")") + " to GET " + target
                    + (reused ? " (after GET " + previous + " → " + previousStatus + " on the same connection)"
                            : " on a new connection"), failed);
        }
    }

    private Response exchange(String target) throws IOException {
        if (socket == null) {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(Integer.getInteger("fuzz.http.timeout.ms", 60_000));
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/hal+json\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        boolean closing = false;
        boolean registry = false;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true;
            } else if (lower.startsWith("x-request-id:")) {
                registry = true;
            }
        }
        String body = chunked ? chunked() : new String(in.readNBytes((int) Math.max(0, length)), StandardCharsets.UTF_8);
        if (closing || !registry) {
            // A target that is not a valid URI (a raw | < > \ ^ ` { }) is refused with 400 by the HTTP adapter,
            // before the registry's filters; the next request on that keep-alive connection is then never answered
            // (a known issue, see docs/benchmarks.md), so such a connection is not reused.
            close();
        }
        previous = target;
        previousStatus = status;
        return new Response(status, body, registry);
    }

    private String chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().split(";")[0].strip(), 16); size > 0;
                size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
            body.write(in.readNBytes(size));
            line();
        }
        line();
        return body.toString(StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
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

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
    }
}
