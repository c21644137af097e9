package dev.covenant.registry.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.IdGenerator;
import org.springframework.util.JdkIdGenerator;

/** Cross-cutting beans. */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    /** Time comes from here, so tests can control it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Record ids (environments, deployments) come from here, so a test fixture can pin them. */
    @Bean
    IdGenerator idGenerator() {
        return new JdkIdGenerator();
    }
}
