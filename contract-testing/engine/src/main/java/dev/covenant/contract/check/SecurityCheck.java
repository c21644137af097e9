package dev.covenant.contract.check;

import dev.covenant.contract.check.ApiModel.Operation;
import dev.covenant.contract.check.ApiModel.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a request carries the credentials its operation requires. Only what a pact can show is checked:
 * an Authorization header for HTTP schemes, the named header or query parameter for API keys. OAuth 2,
 * OpenID Connect, mutual TLS and cookies are taken as satisfied (a pact rarely records them).
 */
final class SecurityCheck {

    void check(Operation operation, Map<String, String> lowerCaseHeaders, Map<String, List<String>> query,
               Findings findings) {
        List<Map<String, SecurityScheme>> alternatives = operation.security();
        if (alternatives == null) {
            return;
        }
        SecurityScheme firstMissing = null;
        for (Map<String, SecurityScheme> requirement : alternatives) {
            SecurityScheme missing = null;
            for (SecurityScheme scheme : requirement.values()) {
                if (!satisfied(scheme, lowerCaseHeaders, query)) {
                    missing = scheme;
                    break;
                }
            }
            if (missing == null) {
                return;
            }
            if (firstMissing == null) {
                firstMissing = missing;
            }
        }
        boolean inQuery = firstMissing.type().equals("apiKey") && firstMissing.in().equals("query");
        findings.error("request.authorization.missing", findings.mock("request", inQuery ? "query" : "headers"),
                operation.pointer(), "Request Authorization " + (inQuery ? "query" : "header")
                        + " is missing but is required by the spec file", null);
    }

    private static boolean satisfied(SecurityScheme scheme, Map<String, String> headers, Map<String, List<String>> query) {
        return switch (scheme.type()) {
            case "http", "basic" -> headers.containsKey("authorization");
            case "apiKey" -> switch (scheme.in()) {
                case "header" -> headers.containsKey(scheme.name().toLowerCase(Locale.ROOT));
                case "query" -> query.containsKey(scheme.name());
                default -> true;
            };
            default -> true;
        };
    }

    /**
     * {@code WWW-Authenticate} challenges for the schemes the operation accepts (RFC 9110 §11.6.1): {@code Bearer},
     * {@code Basic realm="…"}, and for an API key a non-standard {@code ApiKey} challenge naming where it goes.
     * Empty when the operation is unsecured or accepts only schemes a request cannot show (OAuth 2, cookies…).
     */
    static List<String> challenges(Operation operation) {
        java.util.Set<String> challenges = new java.util.LinkedHashSet<>();
        if (operation.security() != null) {
            for (Map<String, SecurityScheme> requirement : operation.security()) {
                for (SecurityScheme scheme : requirement.values()) {
                    String challenge = switch (scheme.type()) {
                        case "basic" -> "Basic realm=\"api\"";
                        case "http" -> scheme.scheme().equalsIgnoreCase("basic") ? "Basic realm=\"api\""
                                : scheme.scheme().isEmpty() ? "Bearer"
                                : Character.toUpperCase(scheme.scheme().charAt(0)) + scheme.scheme().substring(1);
                        case "apiKey" -> "ApiKey in=\"" + scheme.in() + "\", name=\"" + scheme.name() + "\"";
                        default -> null;
                    };
                    if (challenge != null) {
                        challenges.add(challenge);
                    }
                }
            }
        }
        return List.copyOf(challenges);
    }

    /** Names of API keys of the operation passed {@code in} header or query: known, never "unknown". */
    static List<String> apiKeyNames(Operation operation, String in) {
        List<String> names = new ArrayList<>();
        if (operation.security() == null) {
            return names;
        }
        for (Map<String, SecurityScheme> requirement : operation.security()) {
            for (SecurityScheme scheme : requirement.values()) {
                if (scheme.type().equals("apiKey") && scheme.in().equals(in)) {
                    names.add(in.equals("header") ? scheme.name().toLowerCase(Locale.ROOT) : scheme.name());
                }
            }
        }
        return names;
    }
}
