package dev.covenant.registry.environments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The head state's rules, without storage: one current deployment per instance, releases kept in order. */
class DeploymentStateTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private static DeploymentState.Entry entry(String uuid, String version, String instance) {
        return new DeploymentState.Entry(uuid, version, instance, NOW, null);
    }

    @Test
    void deployingReplacesOnlyTheSameInstanceAndBumpsTheRevision() {
        DeploymentState state = DeploymentState.empty("env", "app")
                .deploy(entry("a", "1", null))
                .deploy(entry("b", "1", "eu"))
                .deploy(entry("c", "2", null));
        assertThat(state.revision()).isEqualTo(3);
        assertThat(state.deployed()).extracting(DeploymentState.Entry::uuid).containsExactly("b", "c");
        assertThat(state.deployedTo(null).orElseThrow().version()).isEqualTo("2");
        assertThat(state.undeploy("b").deployed()).extracting(DeploymentState.Entry::uuid).containsExactly("c");
    }

    @Test
    void endingSupportKeepsTheReleaseInPlace() {
        DeploymentState state = DeploymentState.empty("env", "app")
                .putRelease(entry("r1", "1", null))
                .putRelease(entry("r2", "2", null));
        DeploymentState ended = state.putRelease(new DeploymentState.Entry("r1", "1", null, NOW, NOW.plusSeconds(5)));
        assertThat(ended.released()).extracting(DeploymentState.Entry::uuid).containsExactly("r1", "r2");
        assertThat(ended.supported()).extracting(DeploymentState.Entry::version).containsExactly("2");
        assertThat(ended.releaseOf("1").orElseThrow().endedAt()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void survivesARoundTripThroughItsDocument() {
        DeploymentState state = DeploymentState.empty("env", "app")
                .deploy(entry("a", "1", "blue"))
                .putRelease(new DeploymentState.Entry("r", "2", null, NOW, NOW));
        assertThat(DeploymentState.from(state.toDocument())).isEqualTo(state);
    }
}
