package dev.covenant.junit5;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenApiAssertionsTest {

    /** The same document as items.yaml, as JSON, keys in another order, served on another port. */
    private static final String SAME_AS_JSON = """
            {"paths":{"/items/{id}":{"get":{"responses":{"200":{"description":"an item","content":{"application/json":
            {"schema":{"properties":{"name":{"type":"string"},"id":{"type":"integer"}},"type":"object","required":["id","name"]}}}}},
            "parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"integer"}}]}}},
            "openapi":"3.0.3","info":{"version":"1","title":"items"},"servers":[{"url":"http://127.0.0.1:41234"}]}
            """;

    private HttpServer server;

    private URI serve(String document) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/openapi.json", exchange -> {
            byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/openapi.json");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static Path published() throws URISyntaxException {
        return Path.of(OpenApiAssertionsTest.class.getResource("/items.yaml").toURI());
    }

    @Test
    void sameDocumentInAnotherFormatAndKeyOrderMatches() throws Exception {
        URI served = serve(SAME_AS_JSON);

        assertThatCode(() -> OpenApiAssertions.assertServedDocumentMatches(served, published())).doesNotThrowAnyException();
    }

    @Test
    void servedDocumentWithoutAPublishedFieldFailsNamingTheRuleAndWhere() throws Exception {
        URI served = serve(SAME_AS_JSON.replace(",\"id\":{\"type\":\"integer\"}", "").replace("[\"id\",\"name\"]", "[\"name\"]"));

        assertThatThrownBy(() -> OpenApiAssertions.assertServedDocumentMatches(served, published()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("differs from")
                .hasMessageContaining("response-required-property-removed")
                .hasMessageContaining("GET /items/{id}")
                .hasMessageContaining("/paths/~1items~1{id}/get/responses/200/content/application~1json/schema/properties/id (only published)");
    }

    @Test
    void missingEndpointIsReported() throws Exception {
        URI served = serve(SAME_AS_JSON);
        URI missing = served.resolve("/nothing-here");

        assertThatThrownBy(() -> OpenApiAssertions.assertServedDocumentMatches(missing, published()))
                .hasMessageContaining("answered 404");
    }
}
