package dev.covenant.registry.ui.view;

import dev.covenant.registry.ui.model.Operations.Operation;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which operation of a document a concrete pact request is for: templated paths, literal ones preferred,
 * under the document's server base paths. For showing who uses what; the compatibility engine has its own,
 * stricter router for the actual checks.
 */
final class OperationMatcher {

    private static final Pattern EXPRESSION = Pattern.compile("\\{[^}]*}");

    private record Route(Operation operation, Pattern pattern, int parameters, int literalLength) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final Set<String> prefixes = new LinkedHashSet<>();

    OperationMatcher(com.fasterxml.jackson.databind.JsonNode document, List<Operation> operations) {
        prefixes.add("");
        addPrefix(document.path("basePath").asText(""));
        for (com.fasterxml.jackson.databind.JsonNode server : document.path("servers")) {
            addPrefix(serverPath(server.path("url").asText("")));
        }
        for (Operation operation : operations) {
            routes.add(compile(operation));
        }
        routes.sort(Comparator.comparingInt(Route::parameters).thenComparing(route -> -route.literalLength()));
    }

    /** The operation, or null when none matches. */
    Operation match(String method, String path) {
        if (method == null || path == null) {
            return null;
        }
        String normalized = path.startsWith("/") ? path : "/" + path;
        int query = normalized.indexOf('?');
        if (query >= 0) {
            normalized = normalized.substring(0, query);
        }
        String lower = method.toLowerCase(Locale.ROOT);
        for (String prefix : prefixes) {
            if (!prefix.isEmpty() && !normalized.startsWith(prefix + "/")) {
                continue;
            }
            String rest = normalized.substring(prefix.length());
            for (Route route : routes) {
                if (route.operation().method().equals(lower) && route.pattern().matcher(rest).matches()) {
                    return route.operation();
                }
            }
        }
        return null;
    }

    private static Route compile(Operation operation) {
        String template = operation.path();
        StringBuilder regex = new StringBuilder();
        Matcher matcher = EXPRESSION.matcher(template);
        int last = 0;
        int parameters = 0;
        int literal = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(template.substring(last, matcher.start()))).append("[^/]+");
            literal += matcher.start() - last;
            last = matcher.end();
            parameters++;
        }
        regex.append(Pattern.quote(template.substring(last))).append("/?");
        literal += template.length() - last;
        return new Route(operation, Pattern.compile(regex.toString()), parameters, literal);
    }

    private void addPrefix(String prefix) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!trimmed.isEmpty() && trimmed.startsWith("/")) {
            prefixes.add(trimmed);
        }
    }

    private static String serverPath(String url) {
        if (url.startsWith("/")) {
            return url;
        }
        try {
            String path = URI.create(url.replaceAll("\\{[^}]*}", "x")).getPath();
            return path == null ? "" : path;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
