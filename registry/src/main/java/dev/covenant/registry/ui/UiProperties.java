package dev.covenant.registry.ui;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the UI.
 *
 * @param eventStream path of the Server-Sent Events stream the notification page follows (default
 *                    {@code /events/stream}, issue 5's name)
 */
@ConfigurationProperties("covenant.ui")
public record UiProperties(String eventStream) {

    public UiProperties {
        eventStream = eventStream == null || eventStream.isBlank() ? "/events/stream" : eventStream;
    }
}
