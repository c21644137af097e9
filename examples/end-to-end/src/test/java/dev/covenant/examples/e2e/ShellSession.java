package dev.covenant.examples.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One reader's shell, as documentation asks for it ("in one shell"): commands run one by one in bash from a working
 * directory, and what a command defines for the ones after it, {@code export NAME=value} and shell functions
 * ({@code name() { …; }}), is defined again before each later command. Each command's text is first rewritten by
 * the given replacements (the documented {@code http://localhost:9292} becomes the test registry's address).
 */
final class ShellSession {

    private static final Pattern DEFINITION = Pattern.compile("^(export \\w+=\\S+|\\w+\\(\\) \\{.*\\})$");

    /** A command as written, its exit code and its output (standard output and error, interleaved). */
    record Ran(String command, int exit, String output) {
        @Override
        public String toString() {
            return "$ " + command + "\n(exit " + exit + ")\n" + output;
        }
    }

    private final Path directory;
    private final Map<String, String> environment;
    private final Map<String, String> replacements;
    private final StringBuilder definitions = new StringBuilder();

    ShellSession(Path directory, Map<String, String> environment, Map<String, String> replacements) {
        this.directory = directory;
        this.environment = new HashMap<>(environment);
        this.replacements = new LinkedHashMap<>(replacements);
    }

    /** The command as this session runs it: with the replacements applied. */
    String rewrite(String written) {
        String command = written;
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            command = command.replace(replacement.getKey(), replacement.getValue());
        }
        return command;
    }

    /** Runs the command after the definitions of earlier ones; fails the test if it runs longer than the timeout. */
    Ran run(String written, Duration timeout) throws IOException, InterruptedException {
        String command = rewrite(written);
        Path output = Files.createTempFile("covenant-doc-command", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", definitions + command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                throw new AssertionError("still running after " + timeout + ": " + written + "\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            if (DEFINITION.matcher(command).matches()) {
                definitions.append(command).append('\n');
            }
            return new Ran(written, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
