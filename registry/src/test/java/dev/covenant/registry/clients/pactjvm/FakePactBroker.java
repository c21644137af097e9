package dev.covenant.registry.clients.pactjvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The least of a Pact Broker that lets pact-jvm run a verification: the HAL index, a for-verification list (empty, or
 * one pact file, pending or not), that pact with its publish-verification-results link, and a sink for the results;
 * plus contracts publish and a matrix that always says "deployable".
 * It records every request, so a test can see what the client sent, and can demand HTTP Basic credentials.
 * The registry serves the real endpoints (PactJvmRegistryCompatibilityTest); this stand-in checks the clients' own
 * side without one. The paths follow the Pact Broker's.
 */
final class FakePactBroker implements AutoCloseable {

    /** One request as received. */
    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    static final String PACT_PATH =
            "/pacts/provider/inventory-service/consumer/order-service/pact-version/fake-sha";
    static final String RESULTS_PATH = PACT_PATH + "/verification-results";
    static final String PROVIDER_PATH = "/pacticipants/inventory-service";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final boolean requireBasicAuth;
    private final String pact;
    private final boolean pending;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakePactBroker(boolean requireBasicAuth, String pact, boolean pending) {
        this.requireBasicAuth = requireBasicAuth;
        this.pact = pact;
        this.pending = pending;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    static FakePactBroker start() {
        return new FakePactBroker(false, null, false);
    }

    static FakePactBroker startRequiringBasicAuth() {
        return new FakePactBroker(true, null, false);
    }

    /** Offers {@code pactFile} (order-service → inventory-service) for verification. */
    static FakePactBroker serving(Path pactFile, boolean pending) {
        try {
            return new FakePactBroker(false, Files.readString(pactFile), pending);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                exchange.getRequestURI().getQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
        if (requireBasicAuth && exchange.getRequestHeaders().getFirst("Authorization") == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"pact-broker\"");
            respond(exchange, 401, "{\"error\":\"authentication required\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if ("GET".equals(method) && "/".equals(path)) {
            respond(exchange, 200, index());
        } else if ("POST".equals(method) && path.endsWith("/for-verification")) {
            respond(exchange, 200, forVerification(path));
        } else if ("GET".equals(method) && PACT_PATH.equals(path) && pact != null) {
            respond(exchange, 200, pactWithLinks());
        } else if ("GET".equals(method) && PROVIDER_PATH.equals(path)) {
            respond(exchange, 200, provider());
        } else if ("PUT".equals(method) && path.matches(PROVIDER_PATH + "/branches/[^/]+/versions/[^/]+")) {
            respond(exchange, 201, "{\"_links\":{\"self\":{\"href\":\"" + url() + path + "\"}}}");
        } else if ("GET".equals(method) && "/matrix".equals(path)) {
            respond(exchange, 200, """
                    {"summary":{"deployable":true,"reason":"All required verification results are published and \
                    successful","success":1,"failed":0,"unknown":0},"matrix":[]}""");
        } else if ("POST".equals(method) && "/contracts/publish".equals(path)) {
            respond(exchange, 200, """
                    {"notices":[{"type":"success","text":"Published by the fake broker"}],"_links":{}}""");
        } else if ("POST".equals(method) && RESULTS_PATH.equals(path)) {
            respond(exchange, 201, "{\"_links\":{\"self\":{\"href\":\"" + url() + RESULTS_PATH + "/1\"}}}");
        } else {
            respond(exchange, 404, "{\"error\":\"not found\"}");
        }
    }

    private String forVerification(String path) {
        String pacts = pact == null ? "" : """
                {"shortDescription":"latest from main branch",
                 "verificationProperties":{"pending":%s,"notices":[{"when":"before_verification","text":"fake"}]},
                 "_links":{"self":{"href":"%s%s","name":"Pact between order-service (1.0.0) and inventory-service"}}}
                """.formatted(pending, url(), PACT_PATH);
        return "{\"_embedded\":{\"pacts\":[" + pacts + "]},\"_links\":{\"self\":{\"href\":\"" + url() + path
                + "\"}}}";
    }

    /** As the Pact Broker does, gives each interaction an {@code _id}; pact-jvm reports results per {@code _id}. */
    private String pactWithLinks() {
        String pact = withInteractionIds(this.pact);
        String links = """
                "_links":{"self":{"href":"%1$s%2$s"},
                  "pb:provider":{"title":"Provider","name":"inventory-service","href":"%1$s%4$s"},
                  "pb:publish-verification-results":{"title":"Publish verification results","href":"%1$s%3$s"}},
                """.formatted(url(), PACT_PATH, RESULTS_PATH, PROVIDER_PATH);
        return "{" + links + pact.strip().substring(1);
    }

    private static String withInteractionIds(String pact) {
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(pact);
            int n = 0;
            for (JsonNode interaction : document.withArray("interactions")) {
                ((ObjectNode) interaction).put("_id", "interaction-" + ++n);
            }
            return JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String provider() {
        return """
                {"name":"inventory-service","_links":{
                  "self":{"href":"%1$s%2$s"},
                  "pb:branch-version":{"href":"%1$s%2$s/branches/{branch}/versions/{version}","templated":true}
                }}""".formatted(url(), PROVIDER_PATH);
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
