package dev.covenant.registry;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base for the tests that share one registry in secured mode (embedded store in a folder of its own); the rate
 * limit is set high enough not to interfere with them ({@code RateLimitTest} has a registry of its own).
 */
@TestPropertySource(properties = {
        "covenant.security.rate-limit.requests-per-second=100000",
        "covenant.security.rate-limit.burst=100000"})
public abstract class SecuredRegistryTest extends SecuredRegistrySupport {

    static final Path DATA_DIR = temporary("covenant-secured-test-data");

    @DynamicPropertySource
    static void securedStorage(DynamicPropertyRegistry registry) {
        registry.add("covenant.storage.data-dir", DATA_DIR::toString);
    }
}
