package dev.covenant.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * The document inventory-service serves at /openapi.yaml (the one its CI publishes, {@code openapi/inventory.yaml})
 * describes the operations the running service handles: every documented operation has a handler, and every
 * handler but the service's own infrastructure is documented. A controller and a document that drift apart fail
 * here, before the registry's checks ever see the document.
 */
@SpringBootTest(classes = InventoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient // same configuration as InventoryApiTest: one application context for both
class ServedOpenApiDocumentTest {

    /** Endpoints that are the service's own plumbing, not part of its API. */
    private static final Set<String> UNDOCUMENTED = Set.of("GET /openapi.yaml", "GET /health");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");

    @Autowired
    WebTestClient http;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void servedDocumentDescribesExactlyTheOperationsTheServiceHandles() {
        byte[] served = http.get().uri("/openapi.yaml").exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();

        Set<String> documented = operations(OpenApiDocuments.parse(served, DocumentLimits.DEFAULTS).tree());

        assertThat(documented).isNotEmpty().isEqualTo(handled());
    }

    private static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    private Set<String> handled() {
        Set<String> operations = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(mapping -> mapping.getPatternsCondition().getPatterns()
                .forEach(pattern -> mapping.getMethodsCondition().getMethods()
                        .forEach(method -> operations.add(method.name() + " " + pattern.getPatternString()))));
        operations.removeAll(UNDOCUMENTED);
        return operations;
    }
}
