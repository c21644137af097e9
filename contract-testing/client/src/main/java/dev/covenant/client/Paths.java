package dev.covenant.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds registry paths with every segment percent-encoded ({@code feat/x} becomes {@code feat%2Fx}). */
final class Paths {

    private Paths() {
    }

    static String of(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (segment == null || segment.isBlank()) {
                throw new IllegalArgumentException("a name or version in the path is empty: " + String.join("/",
                        java.util.Arrays.stream(segments).map(String::valueOf).toList()));
            }
            path.append('/').append(encode(segment));
        }
        return path.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
