package dev.covenant.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server on loopback that plays a scripted list of answers, one per request (the last one repeats), and
 * records what it received. Only for the client's retry and error behaviour; everything else is tested against a
 * real registry (examples/end-to-end).
 */
final class LoopbackServer implements AutoCloseable {

    /** One scripted answer. */
    record Answer(int status, String body, Map<String, String> headers, long delayMillis) {
        static Answer of(int status, String body) {
            return new Answer(status, body, Map.of(), 0);
        }
    }

    /** One received request. */
    record Received(String method, String uri, Map<String, List<String>> headers, String body) {
    }

    private final HttpServer server;
    private final List<Answer> script;
    private final AtomicInteger next = new AtomicInteger();
    final List<Received> received = new CopyOnWriteArrayList<>();

    LoopbackServer(Answer... script) {
        this.script = List.of(script);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        // a thread per request, so a deliberately slow answer does not hold up the retry behind it
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        Answer answer = script.get(Math.min(next.getAndIncrement(), script.size() - 1));
        if (answer.delayMillis() > 0) {
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.status() >= 400 ? "application/problem+json"
                : "application/json");
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
