package dev.covenant.cli;

import dev.covenant.client.CiEnvironment;
import dev.covenant.client.ClientConfig;
import dev.covenant.client.CovenantClient;
import dev.covenant.client.Credentials;
import dev.covenant.client.RetryPolicy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** Base of the commands that talk to the registry: options, environment, the client, CI detection. */
abstract class RegistryCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOptions registry;

    /** The process environment (tests pass their own). */
    Map<String, String> env = Map.of();

    /** The registry a command talks to when neither --registry nor COVENANT_URL says otherwise. */
    static final String DEFAULT_URL = "http://localhost:9292";

    /** How the client's error messages name the CLI's settings. */
    static final ClientConfig.SettingNames SETTING_NAMES = new ClientConfig.SettingNames("--registry or COVENANT_URL",
            "--token or COVENANT_TOKEN", "--username/--password or COVENANT_USERNAME/COVENANT_PASSWORD");

    /** True once {@link #client()} fell back to {@link #DEFAULT_URL} and said so (once per run). */
    boolean usedDefaultUrl;

    CovenantClient client() {
        boolean defaulted = firstNonBlank(registry.url, env.get("COVENANT_URL")) == null;
        if (defaulted && !usedDefaultUrl) {
            spec.commandLine().getErr().println("covenant: " + CovenantCli.DEFAULT_URL_NOTE);
            spec.commandLine().getErr().flush();
        }
        usedDefaultUrl = defaulted;
        String url = firstNonBlank(registry.url, env.get("COVENANT_URL"), DEFAULT_URL);
        java.util.function.Consumer<String> debug = CovenantCli.debug(spec);
        debug.accept("registry " + url + " (from " + (registry.url != null && !registry.url.isBlank() ? "--registry"
                : defaulted ? "the default" : "COVENANT_URL") + ")");
        Credentials credentials = Credentials.of(firstNonBlank(registry.token, env.get("COVENANT_TOKEN")),
                firstNonBlank(registry.username, env.get("COVENANT_USERNAME")),
                firstNonBlank(registry.password, env.get("COVENANT_PASSWORD")));
        int attempts = registry.attempts != null ? registry.attempts : intEnv("COVENANT_ATTEMPTS", RetryPolicy.DEFAULT.maxAttempts());
        int timeout = registry.timeoutSeconds != null ? registry.timeoutSeconds : intEnv("COVENANT_TIMEOUT", 60);
        if (attempts < 1 || timeout < 1) {
            throw new CliException(CliException.USAGE, "--attempts and --timeout must be at least 1");
        }
        try {
            return CovenantClient.create(ClientConfig.of(url)
                    .withCredentials(credentials)
                    .withSettingNames(SETTING_NAMES)
                    .withTrace(debug)
                    .withRetry(RetryPolicy.DEFAULT.withMaxAttempts(attempts))
                    .withTimeouts(Duration.ofSeconds(Math.min(10, timeout)), Duration.ofSeconds(timeout)));
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
    }

    CiEnvironment ci() {
        return CiEnvironment.detect(env);
    }

    /** The version given, else the CI commit; a usage error naming the option when neither is known. */
    String versionOrCommit(String version) {
        String value = firstNonBlank(version, ci().commit());
        if (value == null) {
            throw new CliException(CliException.USAGE, "--version is required outside CI (in GitHub Actions, GitLab CI"
                    + " and Jenkins it defaults to the commit SHA)");
        }
        return value;
    }

    String branchOrCi(String branch) {
        return firstNonBlank(branch, ci().branch());
    }

    String buildUrlOrCi(String buildUrl) {
        return firstNonBlank(buildUrl, ci().buildUrl());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    static String contentType(Path document) {
        String name = document.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".json") ? "application/json" : "application/yaml";
    }

    static byte[] readDocument(Path document) {
        // the same local checks as check-pact (size, YAML limits, no external $ref); the registry validates
        Inputs.document(document, dev.covenant.contract.openapi.Validation.NONE);
        try {
            return Files.readAllBytes(document);
        } catch (java.io.IOException e) {
            throw new CliException(CliException.IO, document + ": cannot be read (" + Inputs.oneLine(e.getMessage()) + ")");
        }
    }

    static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    private int intEnv(String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new CliException(CliException.USAGE, name + " must be a number, got '" + value + "'");
        }
    }
}
