package dev.covenant.registry.system;

import java.util.List;

/** The path prefixes served in the Pact Broker's shapes (errors as {@code {"errors":{…}}}). */
public final class PactBrokerPaths {

    private static final List<String> PREFIXES = List.of("/pacticipants", "/pacts", "/contracts", "/matrix",
            "/can-i-deploy", "/can-i-merge", "/environments", "/webhooks", "/verification-results",
            "/provider-contracts", "/integrations", "/groups", "/dashboard", "/deployed-versions",
            "/released-versions");

    private PactBrokerPaths() {
    }

    /**
     * Whether errors on this path are a plain list of messages ({@code {"errors":["…"]}}): the Pact Broker answers
     * so on {@code /matrix}, and its clients' pacts expect it.
     */
    public static boolean errorsAsList(String path) {
        return path.equals("/matrix");
    }

    public static boolean matches(String path) {
        for (String prefix : PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + "?")) {
                return true;
            }
        }
        return false;
    }
}
