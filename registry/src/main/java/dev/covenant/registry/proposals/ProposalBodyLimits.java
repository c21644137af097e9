package dev.covenant.registry.proposals;

import dev.covenant.registry.specs.SpecsProperties;
import dev.covenant.registry.system.BodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** A proposal carries an OpenAPI document as a JSON string: a maximum-size document, escaped, in an envelope. */
@Configuration(proxyBeanMethods = false)
class ProposalBodyLimits {

    @Bean
    BodyLimit proposalLimit(SpecsProperties specs) {
        return new BodyLimit(HttpMethod.POST, "/applications/{application}/proposals", limit(specs));
    }

    @Bean
    BodyLimit revisionLimit(SpecsProperties specs) {
        return new BodyLimit(HttpMethod.PUT, "/proposals/{id}/document", limit(specs));
    }

    private static long limit(SpecsProperties specs) {
        return specs.maxDocumentBytes() * 2 + 64 * 1024;
    }
}
