package dev.covenant.registry.clients.pactjvm;

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

/**
 * The least of a Pact Broker that lets pact-jvm start a verification: the HAL index and an empty for-verification
 * list. It records every request, so a test can see what the client sent, and can demand HTTP Basic credentials.
 */
final class FakePactBroker implements AutoCloseable {

    /** One request as received. */
    record Request(String method, String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final boolean requireBasicAuth;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakePactBroker(boolean requireBasicAuth) {
        this.requireBasicAuth = requireBasicAuth;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    static FakePactBroker start() {
        return new FakePactBroker(false);
    }

    static FakePactBroker startRequiringBasicAuth() {
        return new FakePactBroker(true);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        if (requireBasicAuth && exchange.getRequestHeaders().getFirst("Authorization") == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"pact-broker\"");
            respond(exchange, 401, "{\"error\":\"authentication required\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if ("GET".equals(exchange.getRequestMethod()) && "/".equals(path)) {
            respond(exchange, 200, index());
        } else if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/for-verification")) {
            respond(exchange, 200, "{\"_embedded\":{\"pacts\":[]},\"_links\":{\"self\":{\"href\":\"" + url() + path
                    + "\"}}}");
        } else {
            respond(exchange, 404, "{\"error\":\"not found\"}");
        }
    }

    private String index() {
        return """
                {"_links":{
                  "self":{"href":"%1$s"},
                  "pb:provider-pacts-for-verification":{"href":"%1$s/pacts/provider/{provider}/for-verification","templated":true},
                  "pb:latest-provider-pacts":{"href":"%1$s/pacts/provider/{provider}/latest","templated":true},
                  "pb:publish-contracts":{"href":"%1$s/contracts/publish"}
                }}""".formatted(url());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/hal+json");
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
