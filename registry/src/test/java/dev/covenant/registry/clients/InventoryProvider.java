package dev.covenant.registry.clients;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A tiny inventory-service on loopback that honours the pact in {@code src/test/resources/pacts}, or breaks it
 * (quantity as a string) when asked to, for provider verification tests.
 */
public final class InventoryProvider implements AutoCloseable {

    private final HttpServer server;

    private InventoryProvider(boolean broken) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod()) && path.equals("/items/42")) {
                byte[] body = (broken ? "{\"id\":\"42\",\"quantity\":\"three\"}" : "{\"id\":\"42\",\"quantity\":3}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else if ("POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1); // provider state set-up
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
    }

    public static InventoryProvider start(boolean broken) {
        return new InventoryProvider(broken);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
