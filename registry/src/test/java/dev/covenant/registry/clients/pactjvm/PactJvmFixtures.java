package dev.covenant.registry.clients.pactjvm;

import au.com.dius.pact.core.support.BuiltToolConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Pact files written by the real pact-jvm consumer DSL, generated on demand into a folder so a test can publish them.
 */
public final class PactJvmFixtures {

    public static final String CONSUMER = "order-service";
    public static final String PROVIDER = "inventory-service";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PactJvmFixtures() {
    }

    /** Runs {@link OrderServiceConsumerPactTest} and returns the V4 pact it wrote into {@code dir}. */
    public static Path generatePacts(Path dir) {
        return generate(dir, OrderServiceConsumerPactTest.class);
    }

    /**
     * Runs {@link OrderServiceChangedConsumerScenario}: same consumer and provider, different content (an extra
     * required field), for the "same consumer version, changed pact" flow.
     */
    public static Path generateChangedPacts(Path dir) {
        return generate(dir, OrderServiceChangedConsumerScenario.class);
    }

    /**
     * {@link #generatePacts(Path)} with the pair renamed, so tests sharing one registry don't see each other's pacts.
     * The file is pact-jvm's content re-serialized; verify it with {@link PactJvmRunner#PROVIDER_NAME_PROPERTY}.
     */
    public static Path generatePacts(Path dir, String consumer, String provider) {
        return renamed(generatePacts(dir), consumer, provider);
    }

    /** {@link #generateChangedPacts(Path)} with the pair renamed. */
    public static Path generateChangedPacts(Path dir, String consumer, String provider) {
        return renamed(generateChangedPacts(dir), consumer, provider);
    }

    /** The file pact-jvm names after the pair. */
    public static Path pactFile(Path dir) {
        return pactFile(dir, CONSUMER, PROVIDER);
    }

    static Path pactFile(Path dir, String consumer, String provider) {
        return dir.resolve(consumer + "-" + provider + ".json");
    }

    private static Path renamed(Path file, String consumer, String provider) {
        try {
            ObjectNode pact = (ObjectNode) JSON.readTree(file.toFile());
            pact.putObject("consumer").put("name", consumer);
            pact.putObject("provider").put("name", provider);
            Path target = pactFile(file.getParent(), consumer, provider);
            JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), pact);
            if (!target.equals(file)) {
                Files.delete(file);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * pact-jvm reads {@code pact.rootDir} once per JVM ({@code BuiltToolConfig}), so a run writes into that folder and
     * the file is moved to {@code dir} afterwards; one run at a time.
     */
    private static synchronized Path generate(Path dir, Class<?> consumerTest) {
        Path written = pactFile(Path.of(BuiltToolConfig.INSTANCE.getPactDirectory()));
        Path file = pactFile(dir);
        try {
            Files.createDirectories(dir);
            // pact-jvm merges into an existing file; start from nothing so the content is exactly this run's.
            Files.deleteIfExists(written);
            TestExecutionSummary summary = PactJvmRunner.run(Map.of("pact.writer.overwrite", "true"), consumerTest);
            if (summary.getTotalFailureCount() > 0 || summary.getTestsSucceededCount() == 0 || !Files.exists(written)) {
                StringWriter report = new StringWriter();
                summary.printFailuresTo(new PrintWriter(report), 20);
                throw new IllegalStateException("pact-jvm consumer test " + consumerTest.getSimpleName()
                        + " did not write " + written + ":\n" + report);
            }
            if (!written.toAbsolutePath().equals(file.toAbsolutePath())) {
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
