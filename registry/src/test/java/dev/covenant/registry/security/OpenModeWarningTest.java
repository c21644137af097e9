package dev.covenant.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Open mode says so loudly at start, with how to secure the registry; secured mode does not. */
@ExtendWith(OutputCaptureExtension.class)
class OpenModeWarningTest {

    @Test
    void openModeWarnsAndSaysHowToSecureTheRegistry(CapturedOutput output) {
        new OpenModeWarning(properties(SecurityProperties.Mode.OPEN, null)).warn();

        assertThat(output.getOut()).contains("WARN").contains("OPEN mode")
                .contains("COVENANT_SECURITY_MODE=secured").contains("COVENANT_ADMIN_TOKEN");
    }

    @Test
    void securedModeDoesNotWarn(CapturedOutput output) {
        new OpenModeWarning(properties(SecurityProperties.Mode.SECURED, "a-long-enough-bootstrap-token")).warn();

        assertThat(output.getOut()).doesNotContain("OPEN mode").contains("secured");
    }

    @Test
    void aShortBootstrapTokenIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> properties(SecurityProperties.Mode.SECURED, "short"))
                .hasMessageContaining("at least 20 characters");
    }

    private static SecurityProperties properties(SecurityProperties.Mode mode, String adminToken) {
        return new SecurityProperties(mode, adminToken, null, null, null, null, null);
    }
}
