package dev.covenant.registry.notifications;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver for tests: a real HTTP server on loopback that records every request and answers with the
 * status its {@code answer} function gives for the n-th request (1-based). It can be stopped and started again
 * on the same port ("receiver down, then up") and can hold requests until released.
 */
public final class Receiver implements AutoCloseable {

    /** A request as received. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body, Instant at,
            int answeredWith) {

        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator answer = n -> 200;
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile int holdFirst;
    private volatile int port;
    private volatile String responseBody;
    private volatile Duration delay = Duration.ZERO;
    private volatile Map<String, String> responseHeaders = Map.of();
    private HttpServer server;

    private Receiver() {
    }

    public static Receiver start() {
        return new Receiver().up();
    }

    /** Starts (again) on the same port. */
    public synchronized Receiver up() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    public int port() {
        return port;
    }

    /** Stops listening; connections are refused until {@link #up()}. */
    public synchronized void down() {
        server.stop(0);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Answers every request with this body, after the delay, with these extra headers. */
    public Receiver responding(String body, Duration delay, Map<String, String> headers) {
        this.responseBody = body;
        this.delay = delay;
        this.responseHeaders = Map.copyOf(headers);
        return this;
    }

    public Receiver answering(IntUnaryOperator statusForNthRequest) {
        this.answer = statusForNthRequest;
        return this;
    }

    /** Holds the first {@code n} requests (no answer) until {@link #release()}. */
    public Receiver holdingFirst(int n) {
        this.holdFirst = n;
        this.hold = new CountDownLatch(1);
        return this;
    }

    public void release() {
        hold.countDown();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> answeredOk() {
        return received.stream().filter(request -> request.answeredWith() >= 200 && request.answeredWith() < 300).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int n = count.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (n <= holdFirst) {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body, Instant.now(), 0));
            try {
                hold.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        int status = answer.applyAsInt(n);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()), body, Instant.now(), status));
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] response = (responseBody != null ? responseBody : "{\"received\":" + n + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        responseHeaders.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, response.length);
        exchange.getResponseBody().write(response);
        exchange.close();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
