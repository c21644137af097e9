package dev.covenant.registry.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Cross-cutting beans. */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    /** Time comes from here, so tests can control it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
