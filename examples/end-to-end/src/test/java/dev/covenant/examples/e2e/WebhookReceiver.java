package dev.covenant.examples.e2e;

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

/** The order team's webhook endpoint: records every notification the registry delivers. */
final class WebhookReceiver implements AutoCloseable {

    /** One delivery as received. */
    record Delivery(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks/orders", exchange -> {
            deliveries.add(new Delivery(Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/orders";
    }

    /** Every delivery received so far. */
    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The first delivery whose body contains {@code text}, polling until the deadline. */
    Delivery await(String text, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Delivery delivery : deliveries) {
                if (delivery.body().contains(text)) {
                    return delivery;
                }
            }
            Thread.sleep(100); // waiting for an asynchronous delivery, with a deadline
        }
        throw new AssertionError("no notification containing '" + text + "' within " + timeout + "; received: "
                + deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
