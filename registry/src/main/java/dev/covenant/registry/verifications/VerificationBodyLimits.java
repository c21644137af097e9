package dev.covenant.registry.verifications;

import dev.covenant.registry.system.BodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Verification results (with their test output) may be larger than the general body cap. */
@Configuration(proxyBeanMethods = false)
class VerificationBodyLimits {

    @Bean
    BodyLimit verificationResultsLimit() {
        return new BodyLimit(HttpMethod.POST, "/pacts/provider/{provider}/consumer/{consumer}/pact-version/**",
                VerificationController.MAX_BODY);
    }
}
