package dev.covenant.registry.storage;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Registers a {@link ReadCounter} on the registry's client: {@code @Import} it, then autowire the counter. */
@TestConfiguration
public class ReadCounting {

    @Bean
    ReadCounter readCounter() {
        return new ReadCounter();
    }
}
