package dev.covenant.registry.checks;

import dev.covenant.contract.check.FindingType;
import dev.covenant.contract.check.PactChecker;
import dev.covenant.contract.check.PactFinding;
import dev.covenant.contract.diff.DiffReport;
import dev.covenant.contract.diff.Finding;
import dev.covenant.contract.pact.HttpInteraction;
import dev.covenant.contract.pact.Interaction;
import dev.covenant.contract.pact.Pact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the engine's pact findings into {@link Failure}s a person can act on (operation, field), tells which
 * failures a document change introduced, and names the diff rule behind each. Pure functions: CPU only, call
 * them on the checks scheduler.
 */
final class PactFailures {

    private static final Pattern INTERACTION_PREFIX = Pattern.compile("^\\[root]\\.(interactions|messages)\\[\\d+]\\.?");
    private static final Pattern PROPERTY = Pattern.compile("property '([^']+)'");

    private PactFailures() {
    }

    /** The errors of checking the pact against the document, each routed to its operation where possible. */
    static List<Failure> check(PactChecker checker, Pact pact) {
        List<Failure> failures = new ArrayList<>();
        for (PactFinding finding : checker.check(pact).findings()) {
            if (finding.type() != FindingType.ERROR) {
                continue;
            }
            Optional<HttpInteraction> interaction = http(pact, finding.interaction().index());
            String request = interaction.map(h -> h.request().method() + " " + path(h.request().path())).orElse(null);
            String operation = interaction.map(h -> checker.operation(h.request().method(), h.request().path()))
                    .orElse(null);
            failures.add(new Failure(finding.interaction().description(), operation, request, field(finding),
                    finding.code(), finding.mockPointer(), finding.message(), null));
        }
        return failures;
    }

    /**
     * The failures of {@code after} that {@code before} did not have: what the change broke. Failures that
     * route to no operation in the new document are named by the operation they routed to before.
     */
    static List<Failure> introduced(List<Failure> before, List<Failure> after, PactChecker baseChecker, Pact pact) {
        Set<String> known = before.stream().map(Failure::key).collect(Collectors.toSet());
        List<Failure> introduced = new ArrayList<>();
        for (Failure failure : after) {
            if (known.contains(failure.key())) {
                continue;
            }
            introduced.add(failure.operation() != null || baseChecker == null ? failure
                    : failure.withOperation(routedBefore(failure, baseChecker, pact)));
        }
        return introduced;
    }

    private static String routedBefore(Failure failure, PactChecker baseChecker, Pact pact) {
        return pact.interactions().stream()
                .filter(HttpInteraction.class::isInstance)
                .map(HttpInteraction.class::cast)
                .filter(h -> h.description().equals(failure.interaction())
                        && (h.request().method() + " " + path(h.request().path())).equals(failure.request()))
                .map(h -> baseChecker.operation(h.request().method(), h.request().path()))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    /**
     * Names the diff finding behind each failure: one on the same operation about the same field, else the most
     * serious finding on that operation (a removed operation, a changed status).
     */
    static List<Failure> withRuleIds(List<Failure> failures, DiffReport diff) {
        if (diff == null) {
            return failures;
        }
        return failures.stream().map(failure -> failure.withRuleId(ruleFor(failure, diff.findings()))).toList();
    }

    private static String ruleFor(Failure failure, List<Finding> findings) {
        if (failure.operation() == null) {
            return null;
        }
        List<Finding> onOperation = findings.stream()
                .filter(finding -> failure.operation().equals(finding.operation()))
                .sorted(Comparator.comparing((Finding finding) -> finding.level()).reversed())
                .toList();
        if (onOperation.isEmpty()) {
            return null;
        }
        String leaf = leaf(failure.field());
        if (leaf != null) {
            Optional<Finding> sameField = onOperation.stream()
                    .filter(finding -> leaf.equals(leaf(property(finding))))
                    .findFirst();
            if (sameField.isPresent()) {
                return sameField.get().ruleId();
            }
        }
        return onOperation.stream()
                .filter(finding -> side(failure).map(s -> finding.ruleId().contains(s)).orElse(true))
                .findFirst()
                .or(() -> onOperation.stream().findFirst())
                .map(Finding::ruleId)
                .orElse(null);
    }

    /** "request" or "response": the half of the interaction that failed, to prefer findings of that half. */
    private static Optional<String> side(Failure failure) {
        if (failure.code().startsWith("response.")) {
            return Optional.of("response");
        }
        if (failure.code().startsWith("request.path-or-method")) {
            return Optional.of("removed");
        }
        return failure.code().startsWith("request.") ? Optional.of("request") : Optional.empty();
    }

    private static String property(Finding finding) {
        Object property = finding.details().get("property");
        if (property != null) {
            return property.toString();
        }
        Object name = finding.details().get("name");
        return name == null ? null : name.toString();
    }

    /** The last named segment of a field path ({@code item.quantity}, {@code item/quantity} → {@code quantity}). */
    static String leaf(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        List<String> parts = Arrays.stream(path.split("[./]"))
                .filter(part -> !part.isBlank() && !part.chars().allMatch(Character::isDigit))
                .toList();
        return parts.isEmpty() ? null : parts.get(parts.size() - 1);
    }

    /**
     * The field a finding is about: the body path (plus the undeclared or missing property the message names),
     * else the location within the interaction ({@code request.query.limit}).
     */
    static String field(PactFinding finding) {
        String pointer = finding.mockPointer() == null ? "" : INTERACTION_PREFIX.matcher(finding.mockPointer()).replaceFirst("");
        String property = null;
        Matcher named = PROPERTY.matcher(finding.message() == null ? "" : finding.message());
        if (named.find()) {
            property = named.group(1);
        }
        for (String body : List.of("response.body", "request.body")) {
            if (pointer.equals(body) || pointer.startsWith(body + ".")) {
                String inBody = pointer.length() > body.length() ? pointer.substring(body.length() + 1) : "";
                String field = join(inBody, property);
                return field.isEmpty() ? body : field;
            }
        }
        return pointer.isEmpty() ? null : pointer;
    }

    private static String join(String path, String property) {
        if (property == null || property.isEmpty()) {
            return path;
        }
        return path.isEmpty() ? property : path + "." + property;
    }

    private static Optional<HttpInteraction> http(Pact pact, int index) {
        for (Interaction interaction : pact.interactions()) {
            if (interaction instanceof HttpInteraction http && http.index() == index) {
                return Optional.of(http);
            }
        }
        return Optional.empty();
    }

    private static String path(String path) {
        return path == null || path.startsWith("/") ? String.valueOf(path) : "/" + path;
    }

    /** Failures grouped by key, first occurrence kept: one consumer's several pact versions report a failure once. */
    static List<Failure> distinct(List<Failure> failures) {
        Map<String, Failure> unique = new LinkedHashMap<>();
        failures.forEach(failure -> unique.putIfAbsent(failure.key(), failure));
        return List.copyOf(unique.values());
    }
}
