package dev.covenant.registry.pacts;

import dev.covenant.registry.engine.EngineGateway;
import dev.covenant.registry.system.BodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The request body caps of the pact publishing endpoints: a maximum-size pact may arrive. */
@Configuration(proxyBeanMethods = false)
class PactBodyLimits {

    @Bean
    BodyLimit pactPutLimit(EngineGateway engine) {
        return new BodyLimit(HttpMethod.PUT, "/pacts/provider/{provider}/consumer/{consumer}/version/{version}",
                engine.maxPactBytes());
    }

    /** Several base64-encoded pacts (4/3 each) in one JSON envelope. */
    @Bean
    BodyLimit contractsPublishLimit(EngineGateway engine) {
        return new BodyLimit(HttpMethod.POST, "/contracts/publish", engine.maxPactBytes() * 4 / 3 * 4 + 64 * 1024);
    }
}
