package dev.covenant.registry.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.openapi.OpenApiFormat;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.registry.RegistryTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry serves its own OpenAPI document, valid by its own rules, covering its native endpoints. */
class OwnApiDescriptionTest extends RegistryTest {

    @Test
    void servesAValidDescriptionOfTheNativeEndpoints() {
        byte[] yaml = http.get().uri("/openapi.yaml").exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        ParsedDocument document = OpenApiDocuments.parse(yaml, DocumentLimits.DEFAULTS);
        assertThat(document.format()).isEqualTo(OpenApiFormat.OPENAPI_3_1);
        List<String> paths = new ArrayList<>();
        document.tree().path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/applications/{application}/versions/{version}/openapi",
                "/applications/{application}/openapi/latest", "/provider-contracts/provider/{provider}/publish",
                "/applications/{application}/policy", "/applications/{application}/pre-merge-check",
                "/applications/{application}/changelog", "/applications/{application}/timeline",
                "/compatibility-reports", "/compatibility-reports/{id}", "/teams/{team}/subscriptions",
                "/notifications/deliveries", "/notifications/deliveries/{id}/replay", "/events", "/events/stream", "/cli/covenant-cli.jar");
    }
}
