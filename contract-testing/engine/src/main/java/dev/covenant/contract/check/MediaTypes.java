package dev.covenant.contract.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Media type parsing and matching for Content-Type and Accept negotiation. */
final class MediaTypes {

    private MediaTypes() {
    }

    /** {@code type/subtype} lower-cased, without parameters. */
    static String essence(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** Parameters other than {@code q}, normalized ({@code charset=utf-8;version=1}). */
    static String parameters(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        if (semicolon < 0) {
            return "";
        }
        List<String> parameters = new ArrayList<>();
        for (String parameter : mediaType.substring(semicolon + 1).split(";")) {
            String trimmed = parameter.trim().toLowerCase(Locale.ROOT).replace(" ", "");
            if (!trimmed.isEmpty() && !trimmed.startsWith("q=")) {
                parameters.add(trimmed);
            }
        }
        parameters.sort(null);
        return String.join(";", parameters);
    }

    /** Whether a concrete type matches a range with wildcards ({@code *}/{@code *}, {@code application/*}). */
    static boolean matches(String range, String type) {
        String r = essence(range);
        String t = essence(type);
        if (r.equals("*/*") || t.equals("*/*") || r.equals("*")) {
            return true;
        }
        int rs = r.indexOf('/');
        int ts = t.indexOf('/');
        if (rs < 0 || ts < 0) {
            return r.equals(t);
        }
        boolean typeMatches = r.substring(0, rs).equals(t.substring(0, ts)) || r.startsWith("*/") || t.startsWith("*/");
        boolean subtypeMatches = r.substring(rs + 1).equals(t.substring(ts + 1))
                || r.endsWith("/*") || t.endsWith("/*");
        return typeMatches && subtypeMatches;
    }

    /**
     * The document's media type a request or response with {@code actual} content type uses: an exact match
     * (parameters included) first, then the first whose essence matches. {@code null} when none does.
     */
    static String negotiate(String actual, Collection<String> declared) {
        String essence = essence(actual);
        String parameters = parameters(actual);
        for (String candidate : declared) {
            if (essence(candidate).equals(essence) && parameters(candidate).equals(parameters)) {
                return candidate;
            }
        }
        for (String candidate : declared) {
            if (matches(candidate, actual)) {
                return candidate;
            }
        }
        return null;
    }

    /** Whether any media range of an Accept header matches any of the declared types. */
    static boolean acceptable(String accept, Collection<String> declared) {
        for (String range : accept.split(",")) {
            String trimmed = range.trim();
            if (trimmed.isEmpty() || trimmed.replace(" ", "").matches(".*;q=0(\\.0*)?$")) {
                continue; // q=0 means "not acceptable"
            }
            for (String candidate : declared) {
                if (matches(trimmed, candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** JSON media types ({@code application/json}, {@code application/problem+json}, {@code *}{@code /*}). */
    static boolean isJson(String mediaType) {
        String essence = essence(mediaType);
        return essence.equals("application/json") || essence.endsWith("+json") || essence.equals("*/*")
                || essence.equals("application/*") || essence.equals("text/json");
    }

    static boolean isForm(String mediaType) {
        return essence(mediaType).equals("application/x-www-form-urlencoded");
    }

    static boolean isMultipart(String mediaType) {
        return essence(mediaType).startsWith("multipart/");
    }
}
