package dev.covenant.examples.e2e;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.HashMap;
import java.util.Map;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs a module's test class (the order-service consumer tests, the inventory-service verification) the way its
 * own build runs it in CI: through the JUnit Platform launcher, so covenant-junit5's listener and extension take
 * part, with the given system properties standing in for the CI job's configuration (restored afterwards).
 */
final class JUnitRuns {

    private JUnitRuns() {
    }

    static TestExecutionSummary run(Map<String, String> properties, Class<?> testClass) {
        Map<String, String> previous = new HashMap<>();
        properties.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
        try {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(testClass))
                    .build();
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            LauncherFactory.create().execute(request, summary);
            return summary.getSummary();
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    /** The failures of a run, for assertion messages. */
    static String failures(TestExecutionSummary summary) {
        StringBuilder text = new StringBuilder();
        summary.getFailures().forEach(failure -> text.append(failure.getTestIdentifier().getDisplayName()).append(": ")
                .append(failure.getException()).append('\n'));
        return text.toString();
    }
}
