package dev.covenant.registry.system;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;

/**
 * Builds absolute, percent-encoded hrefs from the request's own URL, which the forwarded-header transformer has
 * already rewritten from {@code X-Forwarded-*}; a {@code /} inside a name becomes {@code %2F}.
 */
public final class Links {

    private final String base;

    private Links(String base) {
        this.base = base;
    }

    public static Links of(ServerWebExchange exchange) {
        URI uri = exchange.getRequest().getURI();
        String contextPath = exchange.getRequest().getPath().contextPath().value();
        StringBuilder base = new StringBuilder().append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() != -1 && !isDefaultPort(uri.getScheme(), uri.getPort())) {
            base.append(':').append(uri.getPort());
        }
        return new Links(base.append(contextPath).toString());
    }

    /** Links under a fixed base URL (e.g. the registry's public URL, for messages sent outside a request). */
    public static Links ofBase(String base) {
        return new Links(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    private static boolean isDefaultPort(String scheme, int port) {
        return ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
    }

    public String base() {
        return base;
    }

    /** An absolute href from path segments, each percent-encoded. */
    public String href(String... segments) {
        StringBuilder href = new StringBuilder(base);
        for (String segment : segments) {
            href.append('/').append(encode(segment));
        }
        return href.toString();
    }

    /** An absolute href for a path that is already encoded or templated (e.g. {@code /pacticipants/{pacticipant}}). */
    public String raw(String path) {
        return base + path;
    }

    public static String encode(String segment) {
        return UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8);
    }

    public static String encodeQuery(String value) {
        return UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8);
    }

    /** A HAL link object. */
    public static Map<String, Object> link(String href, String title, String name) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("href", href);
        if (title != null) {
            link.put("title", title);
        }
        if (name != null) {
            link.put("name", name);
        }
        return link;
    }

    public static Map<String, Object> link(String href) {
        return link(href, null, null);
    }

    public static Map<String, Object> templated(String href, String title) {
        Map<String, Object> link = link(href, title, null);
        link.put("templated", true);
        return link;
    }
}
