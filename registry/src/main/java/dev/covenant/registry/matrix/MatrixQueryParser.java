package dev.covenant.registry.matrix;

import dev.covenant.registry.matrix.MatrixQuery.IgnoreSelector;
import dev.covenant.registry.matrix.MatrixQuery.Target;
import dev.covenant.registry.matrix.MatrixQuery.VersionSelector;
import dev.covenant.registry.system.InvalidRequestException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the raw query string in order, as the Pact Broker does: {@code q[][pacticipant]=A&q[][version]=1&q[][pacticipant]=B}
 * holds two selectors — a new entry starts when a key repeats. Brackets may be literal (pact-jvm) or
 * percent-encoded (the CLI).
 */
final class MatrixQueryParser {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final int MAX_SELECTORS = 100;

    private MatrixQueryParser() {
    }

    static MatrixQuery parse(String rawQuery) {
        List<Map<String, String>> q = new ArrayList<>();
        List<Map<String, String>> ignore = new ArrayList<>();
        List<Boolean> success = new ArrayList<>();
        Map<String, String> plain = new LinkedHashMap<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (key.startsWith("q[][") && key.endsWith("]")) {
                add(q, key.substring(4, key.length() - 1), value);
            } else if (key.startsWith("ignore[][") && key.endsWith("]")) {
                add(ignore, key.substring(9, key.length() - 1), value);
            } else if (key.equals("success[]") || key.equals("success")) {
                addOutcome(success, value);
            } else {
                plain.putIfAbsent(key, value);
            }
        }
        if (q.size() > MAX_SELECTORS || ignore.size() > MAX_SELECTORS) {
            throw new InvalidRequestException("q", "at most " + MAX_SELECTORS + " selectors are accepted");
        }
        return new MatrixQuery(q.stream().map(MatrixQueryParser::selector).toList(),
                ignore.stream().map(MatrixQueryParser::ignore).toList(), target(plain), plain.get("latestby"), limit(plain),
                Collections.unmodifiableList(success));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("q", "the query string is not properly percent-encoded");
        }
    }

    private static void add(List<Map<String, String>> entries, String key, String value) {
        if (entries.isEmpty() || entries.get(entries.size() - 1).containsKey(key)) {
            entries.add(new LinkedHashMap<>());
        }
        entries.get(entries.size() - 1).put(key, value);
    }

    /** A {@code success[]} value: true, false, or empty for rows without a verification (as the Pact Broker reads it). */
    private static void addOutcome(List<Boolean> success, String value) {
        Boolean outcome = switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "" -> null;
            default -> throw new InvalidRequestException("success", "success[] must be true, false or empty");
        };
        if (!success.contains(outcome)) {
            success.add(outcome);
        }
    }

    private static VersionSelector selector(Map<String, String> entry) {
        String pacticipant = entry.get("pacticipant");
        if (pacticipant == null || pacticipant.isBlank()) {
            throw new InvalidRequestException("q", "Please provide 'pacticipant' for every selector");
        }
        String version = blankToNull(entry.get("version"));
        boolean latest = "true".equals(entry.get("latest"));
        boolean mainBranch = "true".equals(entry.get("mainBranch"));
        String tag = blankToNull(entry.get("tag"));
        String branch = blankToNull(entry.get("branch"));
        if (version != null && (latest || tag != null || branch != null || mainBranch)) {
            throw new InvalidRequestException("q", "A version number cannot be combined with latest, tag, branch or mainBranch for " + pacticipant);
        }
        return new VersionSelector(pacticipant, version, latest, tag, branch, mainBranch);
    }

    private static IgnoreSelector ignore(Map<String, String> entry) {
        String pacticipant = entry.get("pacticipant");
        if (pacticipant == null || pacticipant.isBlank()) {
            throw new InvalidRequestException("ignore", "Please provide 'pacticipant' for every ignore selector");
        }
        return new IgnoreSelector(pacticipant, blankToNull(entry.get("version")));
    }

    private static Target target(Map<String, String> plain) {
        String environment = blankToNull(plain.get("environment"));
        boolean latest = "true".equals(plain.get("latest"));
        String tag = blankToNull(plain.get("tag"));
        boolean mainBranch = "true".equals(plain.get("mainBranch"));
        int targets = (environment != null ? 1 : 0) + (tag != null ? 1 : 0) + (mainBranch ? 1 : 0);
        if (environment != null && latest) {
            throw new InvalidRequestException("latest", "Cannot specify 'latest' together with an environment");
        }
        if (targets > 1) {
            throw new InvalidRequestException("target", "Specify only one of environment, tag or mainBranch");
        }
        if (environment != null) {
            return new Target(environment, null, false);
        }
        if (tag != null || mainBranch) {
            return new Target(null, tag, mainBranch);
        }
        return latest ? Target.latest() : null;
    }

    private static int limit(Map<String, String> plain) {
        String limit = plain.get("limit");
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value < 1 || value > MAX_LIMIT) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("limit", "must be a number from 1 to " + MAX_LIMIT);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
