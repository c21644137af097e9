package dev.covenant.examples.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real registry, started once per test JVM from the jar the reactor packaged ({@code registry/target}), as a
 * child process on a free port with the embedded store in a fresh folder; stopped when the JVM exits. Uses the
 * extracted jar and its class-data-sharing archive when the build made them (ready in ~5 s on two cores).
 */
final class RunningRegistry {

    /** Extra registry arguments, space separated, after {@link #LOOPBACK_WEBHOOKS} (so they can override them). */
    static final String EXTRA_ARGS_PROPERTY = "covenant.e2e.registry.args";

    /**
     * The test's webhook receivers listen on plain HTTP on loopback, which the registry refuses by default; and the
     * background jobs (checks, deliveries) are polled and retried quickly so the test does not wait for them.
     */
    static final List<String> LOOPBACK_WEBHOOKS = List.of(
            "--covenant.notifications.allow-http=true",
            "--covenant.notifications.allow-private-addresses=true",
            "--covenant.notifications.timeout=5s",
            "--covenant.notifications.retry.initial-backoff=200ms",
            "--covenant.notifications.retry.max-backoff=2s",
            "--covenant.jobs.poll-interval=100ms",
            "--covenant.jobs.initial-backoff=200ms",
            "--covenant.jobs.max-backoff=2s");

    private static RunningRegistry instance;

    private final Process process;
    private final String url;
    private final Path log;

    private RunningRegistry(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    static synchronized RunningRegistry get() {
        if (instance == null) {
            instance = start();
            RunningRegistry started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return instance;
    }

    String url() {
        return url;
    }

    /** Another registry, on its own empty store, for a test that needs a fresh one (e.g. the README's tour). */
    static RunningRegistry fresh() {
        RunningRegistry started = start();
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        return started;
    }

    /** What the registry logged so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The registry as a reader starts it: {@code script} (registry/run) with the arguments the documentation gives,
     * on a free loopback port and an empty store in a fresh folder.
     */
    static RunningRegistry script(Path script, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(script.toAbsolutePath().normalize().toString());
        command.addAll(arguments);
        RunningRegistry started = launch(command, List.of());
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        return started;
    }

    private static RunningRegistry start() {
        Path target = Path.of(System.getProperty("covenant.registry.target", "../../registry/target"));
        Path jar = target.resolve("covenant-registry.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No registry jar at " + jar.toAbsolutePath() + ": build it first, e.g."
                    + " 'mvn -pl registry -am package -DskipTests' (a reactor 'mvn verify' does it before this module)");
        }
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1"));
            Path extracted = target.resolve("app").resolve("covenant-registry.jar");
            Path archive = target.resolve("app").resolve("covenant-registry.jsa");
            boolean useExtracted = Files.isRegularFile(extracted) && Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(extracted).compareTo(Files.getLastModifiedTime(jar)) >= 0;
            if (useExtracted) {
                command.add("-XX:SharedArchiveFile=" + archive);
                command.add("-Xshare:auto");
            }
            command.addAll(List.of("-jar", (useExtracted ? extracted : jar).toString()));
            List<String> after = new ArrayList<>(LOOPBACK_WEBHOOKS);
            String extra = System.getProperty(EXTRA_ARGS_PROPERTY, "");
            if (!extra.isBlank()) {
                after.addAll(List.of(extra.strip().split("\\s+")));
            }
            return launch(command, after);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command}, then the port and store arguments, then {@code after}; waits until it is ready. */
    private static RunningRegistry launch(List<String> command, List<String> after) {
        try {
            int port = freePort();
            Path data = Files.createTempDirectory("covenant-e2e-data");
            Path log = Files.createTempFile("covenant-e2e-registry", ".log");
            List<String> full = new ArrayList<>(command);
            full.addAll(List.of("--server.port=" + port, "--server.address=127.0.0.1",
                    "--covenant.storage.data-dir=" + data, "--covenant.storage.mongodb-uri="));
            full.addAll(after);
            Process process = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            RunningRegistry registry = new RunningRegistry(process, "http://127.0.0.1:" + port, log);
            registry.awaitReady(Duration.ofSeconds(90));
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the registry exited with " + process.exitValue() + "; its log: "
                        + tail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200); // polling a child process for readiness, with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("the registry was not ready within " + timeout + "; its log: " + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the registry (and waits for it, up to 15 s). */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
