package dev.covenant.examples.inventory;

import dev.covenant.junit5.OpenApiAssertions;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/** What inventory-service serves at /openapi.yaml is the document its CI publishes. */
@SpringBootTest(classes = InventoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient // same configuration as InventoryApiTest: one application context for both
class ServedOpenApiDocumentTest {

    @LocalServerPort
    int port;

    @Test
    void servedDocumentIsThePublishedOne() {
        OpenApiAssertions.assertServedDocumentMatches(URI.create("http://127.0.0.1:" + port + "/openapi.yaml"),
                Path.of("src/main/resources/openapi/inventory.yaml"));
    }
}
