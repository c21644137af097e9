package dev.covenant.registry.clients.pactjvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs goals of the real pact-jvm Maven plugin ({@code au.com.dius.pact.provider:maven}) in a child {@code mvn}, on
 * the stand-alone project in {@code src/test/resources/maven-pact-plugin}, the way a CI job calls it.
 */
public final class MavenPactPlugin {

    /** How one {@code mvn} run exited and everything it printed (stdout and stderr together). */
    public record Result(int exitCode, String output) {
    }

    private MavenPactPlugin() {
    }

    /** {@code mvn pact:can-i-deploy}: exit code 0 when the broker says yes. */
    public static Result canIDeploy(String brokerUrl, String pacticipant, String version, String toEnvironment) {
        return run("pact:can-i-deploy",
                "-Dpact.broker.url=" + brokerUrl,
                "-Dpacticipant=" + pacticipant,
                "-DpacticipantVersion=" + version,
                "-DtoEnvironment=" + toEnvironment);
    }

    /** {@code mvn pact:publish} of every pact file in {@code pactDirectory} as {@code consumerVersion} on {@code branch}. */
    public static Result publish(String brokerUrl, Path pactDirectory, String consumerVersion, String branch) {
        return run("pact:publish",
                "-Dpact.broker.url=" + brokerUrl,
                "-Dpact.pactDirectory=" + pactDirectory.toAbsolutePath(),
                "-Dpact.projectVersion=" + consumerVersion,
                "-Dpact.branch=" + branch);
    }

    /** Runs {@code mvn -B <goal> <arguments>} on a fresh copy of the plugin project. */
    public static Result run(String goal, String... arguments) {
        try {
            Path project = Files.createTempDirectory("maven-pact-plugin");
            try (InputStream pom = MavenPactPlugin.class.getResourceAsStream("/maven-pact-plugin/pom.xml")) {
                Files.copy(pom, project.resolve("pom.xml"));
            }
            List<String> command = new ArrayList<>(List.of(mvn(), "-B", "-q", "-f",
                    project.resolve("pom.xml").toString()));
            String localRepository = System.getProperty("covenant.maven.repo.local");
            if (localRepository != null && !localRepository.isBlank()) {
                command.add("-Dmaven.repo.local=" + localRepository);
            }
            String pluginVersion = System.getProperty("covenant.pact.maven-plugin.version");
            if (pluginVersion != null && !pluginVersion.isBlank()) {
                command.add("-Dpact-maven-plugin.version=" + pluginVersion);
            }
            command.add(goal);
            command.addAll(List.of(arguments));
            Path output = project.resolve("output.txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(project.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("pact_do_not_track", "true");
            // A short-lived JVM: C1 only starts markedly faster on a small machine.
            builder.environment().put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
            Process process = builder.start();
            // Generous: the first run on a fresh machine downloads the plugin and its dependencies (~65 MB).
            if (!process.waitFor(600, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("mvn " + goal + " did not finish in 600 s:\n" + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String mvn() {
        String configured = System.getProperty("covenant.mvn");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return configured;
        }
        return "mvn";
    }
}
