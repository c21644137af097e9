package dev.covenant.registry.ui.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The UI's URLs, built in one place (names are encoded; templates use Thymeleaf's own link syntax). */
final class Paths {

    private Paths() {
    }

    static String application(String name) {
        return "/ui/applications/" + segment(name);
    }

    static String api(String application, String version) {
        return application(application) + "/api" + (version == null ? "" : "?version=" + query(version));
    }

    static String pact(String provider, String consumer, String version) {
        return "/ui/pacts/" + segment(provider) + "/" + segment(consumer)
                + (version == null ? "" : "?version=" + query(version));
    }

    static String report(String id) {
        return "/ui/reports/" + segment(id);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
