package dev.covenant.registry.ui.view;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the UI writes times: UTC, to the minute. */
public final class UiFormat {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private UiFormat() {
    }

    /** The URL when it is http(s), else null: links from published data must not run script ({@code javascript:}). */
    static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url.strip() : null;
    }

    public static String time(Instant instant) {
        return instant == null ? "" : MINUTES.format(instant);
    }
}
