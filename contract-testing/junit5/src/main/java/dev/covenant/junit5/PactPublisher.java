package dev.covenant.junit5;

import dev.covenant.client.PactFile;
import dev.covenant.client.RegistryException;
import dev.covenant.client.Results.PublishedPacts;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Publishes the pacts pact-jvm consumer tests wrote during the test run, once the run is over and only if no test
 * failed, when {@link CovenantSettings#publish()} (CI, or {@code covenant.publish=true}) and a registry URL are set.
 * Registered automatically (a JUnit Platform {@link TestExecutionListener} service) when covenant-junit5 is on the
 * test class path; outside CI it only says what it would have done.
 *
 * <p>Only pact files written during this run are published (not stale ones from an earlier run), as the version and
 * branch of {@link CovenantSettings}. The JUnit Platform does not let a listener fail the build: when publishing
 * fails it prints why on standard error; CI jobs that must stop then use {@code covenant publish-pacts}.
 */
public final class PactPublisher implements TestExecutionListener {

    /** Slack for file systems with coarse modification times. */
    private static final long CLOCK_SLACK_MILLIS = 2_000;

    private final AtomicInteger failures = new AtomicInteger();
    private volatile Instant started = Instant.now();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        failures.set(0);
        started = Instant.now();
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            failures.incrementAndGet();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        List<Path> written = pactsWrittenSince(pactDirectory(), started);
        if (written.isEmpty()) {
            return;
        }
        CovenantSettings settings = CovenantSettings.current();
        publish(settings, written, failures.get(), System.out, System.err);
    }

    /** Publishes (or explains why not); returns what was published. */
    static List<PublishedPacts> publish(CovenantSettings settings, List<Path> pacts, int failedTests, PrintStream out,
            PrintStream err) {
        if (!settings.publish()) {
            out.println("[covenant] " + pacts.size() + " pact file(s) written; not publishing outside CI"
                    + " (set covenant.publish=true to publish from here)");
            return List.of();
        }
        if (!settings.configured()) {
            out.println("[covenant] " + pacts.size() + " pact file(s) written; not published: no registry URL"
                    + " (set COVENANT_URL or covenant.url)");
            return List.of();
        }
        if (failedTests > 0) {
            err.println("[covenant] pacts not published: " + failedTests + " test(s) failed");
            return List.of();
        }
        if (settings.version() == null) {
            err.println("[covenant] pacts not published: no version (set covenant.version or COVENANT_VERSION; in CI"
                    + " it defaults to the commit SHA)");
            return List.of();
        }
        try {
            List<PublishedPacts> published = settings.client().publishPacts(settings.version(), settings.branch(),
                    List.of(), settings.buildUrl(), pacts.stream().map(PactFile::read).toList());
            published.forEach(p -> out.println("[covenant] published the pacts of " + p.consumer() + " " + p.version()
                    + (settings.branch() == null ? "" : " (branch " + settings.branch() + ")") + " with "
                    + String.join(", ", p.providers()) + " to " + settings.url()));
            return published;
        } catch (RegistryException | IllegalArgumentException | UncheckedIOException e) {
            err.println("[covenant] ERROR: pacts not published: " + e.getMessage());
            return List.of();
        }
    }

    /** pact-jvm's output folder: {@code pact.rootDir}, else {@code target/pacts} (Maven), else {@code build/pacts}. */
    static Path pactDirectory() {
        String configured = System.getProperty("pact.rootDir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path maven = Path.of("target", "pacts");
        return Files.isDirectory(maven) || !Files.isDirectory(Path.of("build", "pacts")) ? maven : Path.of("build", "pacts");
    }

    static List<Path> pactsWrittenSince(Path directory, Instant since) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        FileTime after = FileTime.fromMillis(since.toEpochMilli() - CLOCK_SLACK_MILLIS);
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .filter(file -> modifiedAfter(file, after))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean modifiedAfter(Path file, FileTime after) {
        try {
            return Files.getLastModifiedTime(file).compareTo(after) >= 0;
        } catch (IOException e) {
            return false;
        }
    }
}
