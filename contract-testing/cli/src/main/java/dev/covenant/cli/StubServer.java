package dev.covenant.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.covenant.contract.stub.StubEngine;
import dev.covenant.contract.stub.StubRequest;
import dev.covenant.contract.stub.StubResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A local HTTP server (the JDK's) answering every request with a {@link StubEngine}. */
final class StubServer implements AutoCloseable {

    /** Request bodies past this are refused with 413, as the registry refuses them. */
    static final int MAX_BODY_BYTES = 25 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;

    private StubServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving {@code engine} on {@code host:port} (port 0 picks a free one). */
    static StubServer start(StubEngine engine, String host, int port) throws IOException {
        // headers and body go out in two writes: with Nagle's algorithm on, every keep-alive answer waits for the
        // client's delayed ACK (40-50 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 256);
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(engine, exchange));
        server.start();
        return new StubServer(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void handle(StubEngine engine, HttpExchange exchange) throws IOException {
        try (exchange) {
            StubResponse response;
            byte[] body = read(exchange.getRequestBody());
            if (body == null) {
                response = tooLarge();
            } else {
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
                response = engine.handle(new StubRequest(exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), query(exchange.getRequestURI().getRawQuery()), headers,
                        body));
            }
            response.headers().forEach(exchange.getResponseHeaders()::set);
            boolean empty = response.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1); // the engine never throws for a request; this is a bug
        }
    }

    private static StubResponse tooLarge() {
        return new StubResponse(413, Map.of("Content-Type", "application/problem+json"),
                ("{\"type\":\"" + StubEngine.TYPE_BASE + "payload-too-large\",\"title\":\"Payload too large\","
                        + "\"status\":413,\"detail\":\"Bodies are limited to " + MAX_BODY_BYTES + " bytes.\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** The body, or {@code null} past the cap. */
    private static byte[] read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
