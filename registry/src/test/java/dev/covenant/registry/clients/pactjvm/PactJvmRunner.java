package dev.covenant.registry.clients.pactjvm;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs pact-jvm JUnit 5 classes (consumer tests, the provider verification scenario) in this JVM through the JUnit
 * Platform launcher, with the system properties pact-jvm reads set only for the duration of the run.
 */
public final class PactJvmRunner {

    /** The provider name the scenario verifies as (default "inventory-service"), for tests that need unique names. */
    public static final String PROVIDER_NAME_PROPERTY = "covenant.pactjvm.provider.name";
    /** Where {@link InventoryProviderVerificationScenario} finds the provider app. */
    static final String PROVIDER_PORT_PROPERTY = "covenant.pactjvm.provider.port";
    /** Makes the scenario's message half answer wrongly, like the broken provider app. */
    static final String PROVIDER_BROKEN_PROPERTY = "covenant.pactjvm.provider.broken";

    private PactJvmRunner() {
    }

    /**
     * Verifies "inventory-service" (a fresh {@link InventoryProviderApp}) against the pacts the broker at
     * {@code brokerUrl} selects (main branch + deployed or released, pending and WIP enabled), publishing the results
     * as {@code providerVersion} on {@code providerBranch}.
     */
    public static TestExecutionSummary runProviderVerification(String brokerUrl, String providerVersion,
            String providerBranch, boolean providerBroken) {
        return runProviderVerification(brokerUrl, providerVersion, providerBranch, providerBroken, Map.of());
    }

    /**
     * As above, with extra system properties: {@link #PROVIDER_NAME_PROPERTY}, {@code pactbroker.auth.username} and
     * {@code pactbroker.auth.password}, {@code pactbroker.auth.token}, {@code pactbroker.enablePending},
     * {@code pactbroker.includeWipPactsSince}, {@code pact.verifier.publishResults}...
     */
    public static TestExecutionSummary runProviderVerification(String brokerUrl, String providerVersion,
            String providerBranch, boolean providerBroken, Map<String, String> extraProperties) {
        try (InventoryProviderApp provider = InventoryProviderApp.start(providerBroken)) {
            Map<String, String> properties = new HashMap<>();
            properties.put("pactbroker.url", brokerUrl);
            properties.put("pact.provider.version", providerVersion);
            properties.put("pact.provider.branch", providerBranch);
            properties.put("pact.verifier.publishResults", "true");
            properties.putAll(extraProperties);
            properties.put(PROVIDER_PORT_PROPERTY, Integer.toString(provider.port()));
            properties.put(PROVIDER_BROKEN_PROPERTY, Boolean.toString(providerBroken));
            return run(properties, InventoryProviderVerificationScenario.class);
        }
    }

    /** Runs the given test classes with the given system properties set (and restored afterwards). */
    public static TestExecutionSummary run(Map<String, String> properties, Class<?>... testClasses) {
        Map<String, String> all = new HashMap<>(properties);
        // pact-jvm otherwise reports anonymous usage statistics over the network on every run.
        all.putIfAbsent("pact_do_not_track", "true");
        Map<String, String> previous = new HashMap<>();
        all.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
        try {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(Arrays.stream(testClasses).map(c -> selectClass(c)).toList())
                    .build();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, listener);
            return listener.getSummary();
        } finally {
            previous.forEach(PactJvmRunner::restore);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
