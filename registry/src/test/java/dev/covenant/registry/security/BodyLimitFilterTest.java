package dev.covenant.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.SecuredRegistryTest;
import dev.covenant.registry.engine.EngineProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** The body caps the features declare ({@code BodyLimit} beans) reach the filter; everything else has the general cap. */
class BodyLimitFilterTest extends SecuredRegistryTest {

    @Autowired
    BodyLimitFilter filter;

    @Autowired
    SecurityProperties security;

    @Autowired
    EngineProperties specs;

    @Autowired
    EngineProperties pacts;

    @Test
    void eachFeatureEndpointHasTheCapItsFeatureDeclares() {
        assertThat(filter.maxFor(MockServerHttpRequest.put("/applications/a/versions/1/openapi").build()))
                .isEqualTo(specs.maxDocumentBytes());
        assertThat(filter.maxFor(MockServerHttpRequest.post("/applications/a/pre-merge-check").build()))
                .isEqualTo(specs.maxDocumentBytes());
        assertThat(filter.maxFor(MockServerHttpRequest.post("/provider-contracts/provider/a/publish").build()))
                .isEqualTo(specs.maxDocumentBytes() * 4 / 3 + 64 * 1024);
        assertThat(filter.maxFor(MockServerHttpRequest.put("/pacts/provider/p/consumer/c/version/1").build()))
                .isEqualTo(pacts.maxPactBytes());
        assertThat(filter.maxFor(MockServerHttpRequest.post("/contracts/publish").build()))
                .isEqualTo(pacts.maxPactBytes() * 4 / 3 * 4 + 64 * 1024);
        assertThat(filter.maxFor(MockServerHttpRequest
                        .post("/pacts/provider/p/consumer/c/pact-version/abc/verification-results").build()))
                .isEqualTo(5L * 1024 * 1024);
    }

    @Test
    void otherEndpointsAndOtherMethodsHaveTheGeneralCap() {
        assertThat(filter.maxFor(MockServerHttpRequest.post("/environments").build())).isEqualTo(security.maxBodyBytes());
        assertThat(filter.maxFor(MockServerHttpRequest.post("/applications/a/versions/1/openapi").build()))
                .isEqualTo(security.maxBodyBytes());
        assertThat(security.maxBodyBytes()).isLessThan(pacts.maxPactBytes()).isLessThan(specs.maxDocumentBytes());
    }
}
