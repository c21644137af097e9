package dev.covenant.registry.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code pact} CLI (npm {@code @pact-foundation/pact-cli}, installed by the test build into
 * {@code target/clients}) and captures what it prints.
 */
public final class PactCli {

    /** What one run printed and how it exited. */
    public record Result(int exitCode, String stdout, String stderr) {

        public String output() {
            return stdout + stderr;
        }
    }

    private PactCli() {
    }

    public static Path executable() {
        String configured = System.getProperty("covenant.pact.cli", "target/clients/node_modules/.bin/pact");
        Path path = Path.of(configured);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("The pact CLI is not installed at " + path.toAbsolutePath()
                    + "; run the tests through Maven (mvn test), which installs it with npm ci");
        }
        return path;
    }

    public static Result run(Path workingDir, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable().toAbsolutePath().toString());
        command.addAll(List.of(arguments));
        try {
            Path out = Files.createTempFile("pact-cli", ".out");
            Path err = Files.createTempFile("pact-cli", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().put("NO_COLOR", "1");
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("pact " + String.join(" ", arguments) + " did not finish in 120 s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("Could not run the pact CLI", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
