package dev.covenant.contract.check;

import java.util.Locale;
import java.util.Set;

/**
 * Well-known HTTP headers. A document rarely declares them, so a pact using them is not suspicious in a request,
 * and only worth a warning in a response (a consumer relying on, say, {@code age} should know it is unpromised).
 */
final class StandardHeaders {

    private static final Set<String> REQUEST = Set.of("accept", "accept-charset", "accept-datetime",
            "accept-encoding", "accept-language", "authorization", "cache-control", "connection", "content-length",
            "content-md5", "content-type", "cookie", "date", "expect", "forwarded", "from", "host", "if-match",
            "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "max-forwards", "origin",
            "pragma", "proxy-authorization", "range", "referer", "te", "upgrade", "user-agent", "via", "warning",
            "access-control-request-method", "access-control-request-headers", "content-encoding", "dnt",
            "x-requested-with", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "keep-alive",
            "transfer-encoding", "trailer", "prefer", "early-data");

    private static final Set<String> RESPONSE = Set.of("accept-patch", "accept-ranges", "access-control-allow-origin",
            "access-control-allow-credentials", "access-control-expose-headers", "access-control-max-age",
            "access-control-allow-methods", "access-control-allow-headers", "age", "allow", "alt-svc",
            "cache-control", "connection", "content-disposition", "content-encoding", "content-language",
            "content-length", "content-location", "content-md5", "content-range", "date", "delta-base", "etag",
            "expires", "im", "last-modified", "link", "location", "p3p", "pragma", "proxy-authenticate",
            "public-key-pins", "retry-after", "server", "set-cookie", "strict-transport-security", "trailer",
            "transfer-encoding", "tk", "upgrade", "vary", "via", "warning", "www-authenticate", "x-frame-options",
            "keep-alive", "x-content-type-options", "x-xss-protection", "content-security-policy", "refresh",
            "status", "timing-allow-origin", "x-powered-by", "x-request-id", "x-correlation-id", "x-ua-compatible");

    private StandardHeaders() {
    }

    static boolean request(String name) {
        return REQUEST.contains(name.toLowerCase(Locale.ROOT));
    }

    static boolean response(String name) {
        return RESPONSE.contains(name.toLowerCase(Locale.ROOT));
    }
}
