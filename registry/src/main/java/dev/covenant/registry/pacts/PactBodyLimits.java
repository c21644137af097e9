package dev.covenant.registry.pacts;

import dev.covenant.registry.system.BodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The request body caps of the pact publishing endpoints: a maximum-size pact may arrive. */
@Configuration(proxyBeanMethods = false)
class PactBodyLimits {

    @Bean
    BodyLimit pactPutLimit(PactsProperties pacts) {
        return new BodyLimit(HttpMethod.PUT, "/pacts/provider/{provider}/consumer/{consumer}/version/{version}",
                pacts.maxPactBytes());
    }

    /** Several base64-encoded pacts (4/3 each) in one JSON envelope. */
    @Bean
    BodyLimit contractsPublishLimit(PactsProperties pacts) {
        return new BodyLimit(HttpMethod.POST, "/contracts/publish", pacts.maxPactBytes() * 4 / 3 * 4 + 64 * 1024);
    }
}
