package dev.covenant.registry.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the UI writes times: UTC, to the minute. */
final class UiFormat {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private UiFormat() {
    }

    static String time(Instant instant) {
        return instant == null ? "" : MINUTES.format(instant);
    }
}
