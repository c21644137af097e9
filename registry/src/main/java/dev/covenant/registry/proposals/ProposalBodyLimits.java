package dev.covenant.registry.proposals;

import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.registry.system.BodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** A proposal carries an OpenAPI document as a JSON string: a maximum-size document, escaped, in an envelope. */
@Configuration(proxyBeanMethods = false)
class ProposalBodyLimits {

    @Bean
    BodyLimit proposalLimit(EngineGateway engine) {
        return new BodyLimit(HttpMethod.POST, "/applications/{application}/proposals", limit(engine));
    }

    @Bean
    BodyLimit revisionLimit(EngineGateway engine) {
        return new BodyLimit(HttpMethod.PUT, "/proposals/{id}/document", limit(engine));
    }

    private static long limit(EngineGateway engine) {
        return engine.maxDocumentBytes() * 2 + 64 * 1024;
    }
}
