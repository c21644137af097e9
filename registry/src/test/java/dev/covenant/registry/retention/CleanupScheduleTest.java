package dev.covenant.registry.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The scheduled clean-up reads its selectors from properties, as written in the API, and refuses bad ones. */
class CleanupScheduleTest {

    private static RetentionProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("covenant.retention", RetentionProperties.class);
    }

    @Test
    void selectorsFromPropertiesBecomeTheScheduledRequest() {
        RetentionProperties properties = bind(Map.of(
                "covenant.retention.interval", "1d",
                "covenant.retention.keep[0].mainBranch", "true",
                "covenant.retention.keep[0].latest", "true",
                "covenant.retention.keep[1].maxAgeDays", "30",
                "covenant.retention.keep[2].tag", "prod",
                "covenant.retention.prune-history-days", "90"));
        CleanupRequest request = new CleanupSchedule(null, properties, JsonMapper.builder().build()).request();
        assertThat(properties.scheduled()).isTrue();
        assertThat(properties.interval()).isEqualTo(Duration.ofDays(1));
        assertThat(request.keep()).containsExactly(new KeepSelector.OnBranch(null, true),
                new KeepSelector.YoungerThan(30), new KeepSelector.Tagged("prod", false));
        assertThat(request.pruneHistoryDays()).isEqualTo(90);
        assertThat(request.maxVersions()).isEqualTo(500);
        assertThat(request.dryRun()).isFalse();
    }

    @Test
    void scheduleIsOffByDefault() {
        assertThat(bind(Map.of()).scheduled()).isFalse();
    }

    @Test
    void aBadSelectorInThePropertiesSaysWhichAndHow() {
        RetentionProperties properties = bind(Map.of("covenant.retention.interval", "1h",
                "covenant.retention.keep[0].deployed", "true", "covenant.retention.keep[0].latest", "true"));
        assertThatThrownBy(() -> new CleanupSchedule(null, properties, JsonMapper.builder().build()).request())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("covenant.retention.keep")
                .hasMessageContaining("latest goes with branch, mainBranch or tag only");
    }
}
