package dev.covenant.cli;

import picocli.CommandLine.Option;

/** Where the registry is and how to log in; every option also has an environment variable. */
final class RegistryOptions {

    @Option(names = "--registry", paramLabel = "<url>",
            description = "The registry's URL (env COVENANT_URL; default http://localhost:9292).")
    String url;

    @Option(names = "--token", paramLabel = "<token>", description = "Bearer token (env COVENANT_TOKEN).")
    String token;

    @Option(names = "--username", paramLabel = "<name>",
            description = "Basic auth username (env COVENANT_USERNAME); ignored when a token is given.")
    String username;

    @Option(names = "--password", paramLabel = "<password>", description = "Basic auth password (env COVENANT_PASSWORD).")
    String password;

    @Option(names = "--attempts", paramLabel = "<n>",
            description = "Attempts per request on connection errors, 5xx and 429 (env COVENANT_ATTEMPTS; default 4).")
    Integer attempts;

    @Option(names = "--timeout", paramLabel = "<seconds>",
            description = "Longest wait for one response (env COVENANT_TIMEOUT; default 60).")
    Integer timeoutSeconds;
}
