package dev.covenant.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.check.ApiModel.Operation;
import dev.covenant.contract.check.ApiModel.Parameter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the operation a pact request is for: templated paths whose parameters must satisfy their schemas,
 * under any of the document's base paths (servers, Swagger 2.0 {@code basePath}, a configured prefix).
 * Literal paths win over templated ones, as in every OpenAPI router.
 */
final class Router {

    private static final Pattern EXPRESSION = Pattern.compile("\\{([^}]*)}");

    /** A path template compiled once. */
    private record Route(String template, Pattern pattern, List<String> names, int literalLength, String[] segments) {

        /** Cheap pre-check before the regex: every fully literal segment must be equal. */
        boolean literalsMatch(String[] actual, boolean ignoreCase) {
            if (actual.length != segments.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                String expected = segments[i];
                if (expected != null && !(ignoreCase ? expected.equalsIgnoreCase(actual[i]) : expected.equals(actual[i]))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** An operation with its compiled route. */
    private record Candidate(Operation operation, Route route) {
    }

    /** The operation and the path parameter values it was matched with. */
    record Match(Operation operation, java.util.Map<String, String> pathValues) {
    }

    /**
     * Candidates by method, number of segments and first segment, so a request is matched against a handful of
     * templates rather than all of them (GitHub's document has over a thousand). Templates whose first segment is
     * a parameter are under "{}", templates with a {@code *} wildcard are tried for every request.
     */
    private final java.util.Map<String, List<Candidate>> index = new java.util.HashMap<>();
    private final java.util.Map<String, List<Candidate>> wildcards = new java.util.HashMap<>();
    private final java.util.Map<String, Route> routes = new java.util.HashMap<>();
    private final Set<String> prefixes = new LinkedHashSet<>();
    private final boolean caseInsensitive;
    private final ParameterValues values;
    private final SchemaValidation validation;

    Router(JsonNode document, List<Operation> operations, CheckOptions options, ParameterValues values,
           SchemaValidation validation) {
        this.values = values;
        this.validation = validation;
        this.caseInsensitive = options.caseInsensitivePaths()
                || document.path("info").path("x-opc-config-case-insensitive").asBoolean(false);
        String configured = options.basePath() != null ? options.basePath()
                : document.path("info").path("x-opc-config-base-path").asText(null);
        addPrefix(configured);
        addPrefix(document.path("basePath").asText(null));
        for (JsonNode server : document.path("servers")) {
            addPrefix(serverPath(server));
        }
        for (Operation operation : operations) {
            routes.computeIfAbsent(operation.pathTemplate(), this::compile);
        }
        // fewest parameters first, then the longest literal text: /pets/mine wins over /pets/{id}
        Comparator<Candidate> specificity = Comparator
                .comparingInt((Candidate c) -> c.route().names().size())
                .thenComparing(c -> -c.route().literalLength());
        for (Operation operation : operations) {
            Candidate candidate = new Candidate(operation, routes.get(operation.pathTemplate()));
            String template = operation.pathTemplate();
            if (template.contains("*")) {
                wildcards.computeIfAbsent(operation.method(), m -> new ArrayList<>()).add(candidate);
            } else {
                String first = firstSegment(template);
                index.computeIfAbsent(key(operation.method(), template, first.contains("{") ? "{}" : first),
                        k -> new ArrayList<>()).add(candidate);
            }
        }
        index.values().forEach(list -> list.sort(specificity));
        wildcards.values().forEach(list -> list.sort(specificity));
    }

    /** The matching operation, or {@code null} when the path or method is not in the document. */
    Match route(String method, String rawPath) {
        return route(method, rawPath, true);
    }

    /**
     * The operation whose template the path fits, its path parameters' schemas aside (a strict stub then refuses
     * {@code /items/abc} for an integer id with 422 naming the parameter, not 404), or {@code null}.
     */
    Match routeByTemplate(String method, String rawPath) {
        return route(method, rawPath, false);
    }

    private Match route(String method, String rawPath, boolean checkSchemas) {
        String path = rawPath.startsWith("/") ? rawPath : "/" + rawPath;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        List<String> candidates = new ArrayList<>();
        candidates.add(path);
        for (String prefix : prefixes) {
            if (startsWith(path, prefix)) {
                String rest = path.substring(prefix.length());
                candidates.add(rest.startsWith("/") ? rest : "/" + rest);
            }
        }
        for (String candidate : candidates) {
            String[] segments = candidate.split("/", -1);
            List<Candidate> options = new ArrayList<>(index.getOrDefault(key(method, candidate, firstSegment(candidate)), List.of()));
            options.addAll(index.getOrDefault(key(method, candidate, "{}"), List.of()));
            options.addAll(wildcards.getOrDefault(method, List.of()));
            for (Candidate option : options) {
                Operation operation = option.operation();
                Route route = option.route();
                if (route.segments() != null && !route.literalsMatch(segments, caseInsensitive)) {
                    continue;
                }
                Matcher matcher = route.pattern().matcher(candidate);
                if (!matcher.matches()) {
                    continue;
                }
                java.util.Map<String, String> pathValues = new java.util.LinkedHashMap<>();
                for (int i = 0; i < route.names().size(); i++) {
                    pathValues.put(route.names().get(i), matcher.group(i + 1));
                }
                if (!checkSchemas || pathViolations(operation, pathValues).isEmpty()) {
                    return new Match(operation, pathValues);
                }
            }
        }
        return null;
    }

    private String key(String method, String path, String first) {
        long segments = path.chars().filter(c -> c == '/').count();
        return method + "|" + segments + "|" + (caseInsensitive ? first.toLowerCase(Locale.ROOT) : first);
    }

    private static String firstSegment(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.indexOf('/', start);
        return end < 0 ? path.substring(start) : path.substring(start, end);
    }

    /** A path parameter whose value does not satisfy its schema, with the first violation. */
    record PathViolation(Parameter parameter, String raw, SchemaValidation.Violation violation) {
    }

    /** The path parameters whose values do not satisfy their schemas; stops at the first (routing asks only that). */
    List<PathViolation> pathViolations(Operation operation, java.util.Map<String, String> pathValues) {
        for (Parameter parameter : operation.parameters()) {
            if (!parameter.in().equals("path") || parameter.schema() == null) {
                continue;
            }
            String raw = pathValues.get(parameter.name());
            if (raw == null) {
                continue;
            }
            String decoded = decode(raw);
            String style = parameter.style() == null ? "simple" : parameter.style();
            String delimiters = ",";
            if (style.equals("label") && decoded.startsWith(".")) {
                decoded = decoded.substring(1);
                delimiters = "[.,]";
            } else if (style.equals("matrix") && decoded.startsWith(";")) {
                decoded = decoded.substring(1).replaceAll("(^|;)" + Pattern.quote(parameter.name()) + "=", "$1");
                delimiters = "[;,]";
            }
            tools.jackson.databind.JsonNode value = values.simple(parameter.schema(), decoded, delimiters);
            List<SchemaValidation.Violation> violations = validation.validate(SchemaTransformer.Direction.REQUEST,
                    parameter.schema(), parameter.schemaPointer(), value);
            if (!violations.isEmpty()) {
                return List.of(new PathViolation(parameter, raw, violations.get(0)));
            }
        }
        return List.of();
    }

    private Route compile(String template) {
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        Matcher matcher = EXPRESSION.matcher(template);
        int last = 0;
        int literal = 0;
        while (matcher.find()) {
            regex.append(literal(template.substring(last, matcher.start())));
            literal += matcher.start() - last;
            regex.append("([^/]+)");
            names.add(matcher.group(1).replaceAll("^[.;?&+#/]", "").replaceAll("\\*$", ""));
            last = matcher.end();
        }
        regex.append(literal(template.substring(last)));
        literal += template.length() - last;
        int flags = caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        String[] segments = null;
        if (!template.contains("*")) {
            segments = template.split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                if (segments[i].contains("{")) {
                    segments[i] = null; // holds a parameter: left to the regex
                }
            }
        }
        return new Route(template, Pattern.compile(regex.toString(), flags), names, literal, segments);
    }

    /** Literal text of a template; {@code *} is a wildcard some documents use for "anything below". */
    private static String literal(String text) {
        return java.util.Arrays.stream(text.split("\\*+", -1)).map(Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*"));
    }

    private boolean startsWith(String path, String prefix) {
        return caseInsensitive ? path.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))
                : path.startsWith(prefix);
    }

    private void addPrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return;
        }
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!trimmed.isEmpty()) {
            prefixes.add(trimmed.startsWith("/") ? trimmed : "/" + trimmed);
        }
    }

    /** The path of a server URL, with variables replaced by their defaults. */
    private static String serverPath(JsonNode server) {
        String url = server.path("url").asText("");
        for (var it = server.path("variables").fields(); it.hasNext(); ) {
            var variable = it.next();
            url = url.replace("{" + variable.getKey() + "}", variable.getValue().path("default").asText(""));
        }
        try {
            String path = url.contains("://") ? URI.create(url.replaceAll("[{}]", "")).getPath() : url;
            return path == null ? null : path;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
