package dev.covenant.registry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class RenamedSettingsTest {

    @Test
    void anOldEngineSettingIsNamedWithTheOneThatReplacedIt() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("deployment", Map.of(
                "covenant.specs.max-document-bytes", "52428800",
                "covenant.engine.max-document-bytes", "52428800",
                "covenant.checks.concurrency", "8")));

        assertThat(RenamedSettings.warnings(environment)).containsExactly(
                "Setting covenant.checks.concurrency is no longer read and has no effect: set"
                        + " covenant.engine.concurrency instead (value now its default)",
                "Setting covenant.specs.max-document-bytes is no longer read and has no effect: set"
                        + " covenant.engine.max-document-bytes instead (value now 52428800)");
    }

    @Test
    void anOldSettingGivenAsAnEnvironmentVariableIsFoundToo() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env",
                Map.of("COVENANT_PACTS_MAX_PACT_BYTES", "1000")));

        assertThat(RenamedSettings.warnings(environment)).singleElement().asString()
                .startsWith("Setting covenant.pacts.max-pact-bytes is no longer read");
    }

    @Test
    void currentSettingsRaiseNothing() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("deployment", Map.of(
                "covenant.engine.max-document-bytes", "52428800", "covenant.specs.warm-up-runs", "10")));

        assertThat(RenamedSettings.warnings(environment)).isEmpty();
    }
}
