package dev.covenant.registry.clients.pactjvm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A tiny "inventory-service" to verify the order-service pact against, on a free loopback port. When {@code broken}
 * it answers with the wrong types, so a verification fails the way a real regression does.
 */
public final class InventoryProviderApp implements AutoCloseable {

    private final HttpServer server;
    private final boolean broken;

    private InventoryProviderApp(boolean broken) {
        this.broken = broken;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/items/", this::item);
        server.createContext("/reservations", this::reservation);
        server.start();
    }

    public static InventoryProviderApp start(boolean broken) {
        return new InventoryProviderApp(broken);
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The stock-changed event the service publishes; the message half of the pact is verified against it. */
    public static String stockChangedEvent(boolean broken) {
        return broken ? "{\"itemId\":\"42\"}" : "{\"itemId\":42,\"available\":8}";
    }

    private void item(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/items/".length());
        if (!"GET".equals(exchange.getRequestMethod()) || !id.matches("\\d+")) {
            respond(exchange, 404, "{\"error\":\"not found\"}");
            return;
        }
        String body = broken
                ? "{\"id\":\"" + id + "\",\"title\":\"Widget\",\"price\":\"9.99\"}"
                : "{\"id\":" + id + ",\"name\":\"Widget\",\"price\":9.99,\"tags\":[\"blue\",\"small\"],\"sku\":\"W-42\"}";
        respond(exchange, 200, body);
    }

    private void reservation(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "{\"error\":\"method not allowed\"}");
            return;
        }
        exchange.getRequestBody().readAllBytes();
        String status = broken ? "REJECTED" : "CONFIRMED";
        respond(exchange, 201, "{\"reservationId\":\"" + UUID.randomUUID() + "\",\"status\":\"" + status + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
