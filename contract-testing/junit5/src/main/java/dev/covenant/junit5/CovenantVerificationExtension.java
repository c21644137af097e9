package dev.covenant.junit5;

import dev.covenant.client.Credentials;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Sets the system properties pact-jvm reads for a {@link CovenantPacts} verification before it starts (unless the
 * build already set them) and restores them afterwards; skips the class when no registry is configured.
 */
public final class CovenantVerificationExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CovenantVerificationExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!AnnotationSupport.isAnnotated(context.getTestClass(), CovenantPacts.class)
                || context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("not a Covenant verification class");
        }
        CovenantSettings settings = CovenantSettings.current();
        String testClass = context.getRequiredTestClass().getSimpleName();
        if (settings.configured() || System.getProperty("pactbroker.url") != null) {
            credentialsNotice(testClass, settings, System.getProperty("pactbroker.auth.token") != null
                    || System.getProperty("pactbroker.auth.username") != null, System.getenv())
                    .ifPresent(System.err::println);
            return ConditionEvaluationResult.enabled("registry configured");
        }
        // JUnit reports a disabled class quietly (surefire: "Skipped: 1"); a green build must not hide it
        skipLines(testClass, System.getenv()).forEach(System.err::println);
        return ConditionEvaluationResult.disabled(SKIP_REASON);
    }

    static final String SKIP_REASON = "no Covenant registry configured: set covenant.url (system property) or"
            + " COVENANT_URL (environment) to verify the consumers' pacts";

    /** What is printed when a verification class is skipped; in GitHub Actions also as a warning annotation. */
    static java.util.List<String> skipLines(String testClass, Map<String, String> env) {
        String line = "provider verification " + testClass + " SKIPPED: " + SKIP_REASON;
        return "true".equals(env.get("GITHUB_ACTIONS"))
                ? java.util.List.of("[covenant] WARNING: " + line, "::warning title=Covenant::" + line)
                : java.util.List.of("[covenant] WARNING: " + line);
    }

    /** In CI, a registry without credentials set is worth a line: a registry that needs them answers 401. */
    static java.util.Optional<String> credentialsNotice(String testClass, CovenantSettings settings,
            boolean pactJvmCredentials, Map<String, String> env) {
        if (!dev.covenant.client.CiEnvironment.detect(env).inCi() || pactJvmCredentials
                || !(settings.credentials() instanceof Credentials.None)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("[covenant] provider verification " + testClass + " runs without credentials:"
                + " if the registry needs them, set covenant.token or COVENANT_TOKEN (or covenant.username and"
                + " covenant.password, COVENANT_USERNAME and COVENANT_PASSWORD)");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        CovenantPacts annotation = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), CovenantPacts.class)
                .orElseThrow();
        Map<String, String> wanted = properties(CovenantSettings.current(), annotation, LocalDate.now());
        Map<String, String> previous = new HashMap<>();
        wanted.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                previous.put(key, null);
                System.setProperty(key, value);
            }
        });
        context.getStore(NAMESPACE).put("previous", previous);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterAll(ExtensionContext context) {
        Map<String, String> previous = context.getStore(NAMESPACE).remove("previous", Map.class);
        if (previous != null) {
            previous.keySet().forEach(System::clearProperty);
        }
    }

    /** The pact-jvm properties for these settings; pending and WIP need a provider branch, publishing a version. */
    static Map<String, String> properties(CovenantSettings settings, CovenantPacts annotation, LocalDate today) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (settings.url() != null) {
            properties.put("pactbroker.url", settings.url());
        }
        if (settings.credentials() instanceof Credentials.Bearer bearer) {
            properties.put("pactbroker.auth.token", bearer.token());
        } else if (settings.credentials() instanceof Credentials.Basic basic) {
            properties.put("pactbroker.auth.username", basic.username());
            properties.put("pactbroker.auth.password", basic.password());
        }
        String branch = settings.branch();
        boolean publish = settings.publish() && settings.version() != null;
        properties.put("pact.verifier.publishResults", Boolean.toString(publish));
        if (settings.version() != null) {
            properties.put("pact.provider.version", settings.version());
        }
        if (branch != null) {
            properties.put("pact.provider.branch", branch);
            properties.put("pactbroker.providerBranch", branch);
            properties.put("pactbroker.enablePending", Boolean.toString(annotation.pending()));
            if (annotation.wipDays() > 0) {
                properties.put("pactbroker.includeWipPactsSince", today.minusDays(annotation.wipDays()).toString());
            }
        }
        properties.put("pactbroker.consumerversionselectors.rawjson", annotation.selectors().isBlank()
                ? defaultSelectors(branch) : annotation.selectors());
        return properties;
    }

    static String defaultSelectors(String providerBranch) {
        return providerBranch == null
                ? "[{\"mainBranch\":true},{\"deployedOrReleased\":true}]"
                : "[{\"mainBranch\":true},{\"deployedOrReleased\":true},{\"matchingBranch\":true}]";
    }
}
