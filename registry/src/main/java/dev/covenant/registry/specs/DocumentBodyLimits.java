package dev.covenant.registry.specs;

import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.registry.system.BodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The request body caps of the endpoints that take an OpenAPI document: a maximum-size document may arrive. */
@Configuration(proxyBeanMethods = false)
class DocumentBodyLimits {

    @Bean
    BodyLimit rawDocumentLimit(EngineGateway engine) {
        return new BodyLimit(HttpMethod.PUT, "/applications/{application}/versions/{version}/openapi",
                engine.maxDocumentBytes());
    }

    @Bean
    BodyLimit preMergeDocumentLimit(EngineGateway engine) {
        return new BodyLimit(HttpMethod.POST, "/applications/{application}/pre-merge-check", engine.maxDocumentBytes());
    }

    /** base64 inflates by 4/3; the JSON envelope around a maximum-size document. */
    @Bean
    BodyLimit providerContractLimit(EngineGateway engine) {
        return new BodyLimit(HttpMethod.POST, "/provider-contracts/provider/{provider}/publish",
                engine.maxDocumentBytes() * 4 / 3 + 64 * 1024);
    }

    /** PactFlow's older {@code PUT /contracts/provider/…}: the same envelope as the publish endpoint. */
    @Bean
    BodyLimit olderProviderContractLimit(EngineGateway engine) {
        return new BodyLimit(HttpMethod.PUT, "/contracts/provider/{provider}/version/{version}",
                engine.maxDocumentBytes() * 4 / 3 + 64 * 1024);
    }
}
