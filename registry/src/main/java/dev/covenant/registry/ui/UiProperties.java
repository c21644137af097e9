package dev.covenant.registry.ui;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the UI.
 *
 * @param eventStream     path of the Server-Sent Events stream the notification page follows (default
 *                        {@code /events/stream}, issue 5's name)
 * @param followInterval  how often the in-memory index reads the event log for writes made by other instances
 *                        sharing the store (default 2 s; zero or negative switches following off)
 */
@ConfigurationProperties("covenant.ui")
public record UiProperties(String eventStream, Duration followInterval) {

    public UiProperties {
        eventStream = eventStream == null || eventStream.isBlank() ? "/events/stream" : eventStream;
        followInterval = followInterval == null ? Duration.ofSeconds(2) : followInterval;
    }
}
