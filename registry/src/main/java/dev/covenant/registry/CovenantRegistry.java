package dev.covenant.registry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Covenant registry server. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CovenantRegistry {

    public static void main(String[] args) {
        SpringApplication.run(CovenantRegistry.class, args);
    }
}
