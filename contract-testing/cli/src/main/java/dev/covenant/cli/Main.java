package dev.covenant.cli;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The jar's entry point. A short command ({@code diff}, {@code changelog}, {@code check-pact}) started as a bare
 * {@code java -jar covenant-cli.jar} runs in a second JVM with the options the {@code covenant} launcher gives it:
 * the client compiler only and the serial collector (half the CPU of a cold diff otherwise goes to HotSpot's
 * optimizing compiler, for code a two-second command never runs long enough to profit from), and the
 * class-data-sharing archive beside the jar when there is one. A jar cannot set its own JVM options; this costs one
 * JVM start (~0.03 s CPU) and saves about 0.8 s (ADR 0011, docs/benchmarks.md). Anything else (JVM options given,
 * {@code JAVA_TOOL_OPTIONS}/{@code JDK_JAVA_OPTIONS} set, another command, not run from a jar,
 * {@code COVENANT_FAST_START=0}) runs here, as before.
 */
public final class Main {

    static final String LAUNCHED = "covenant.launched";
    // a heap that holds two parsed 11 MB documents: a cold diff then runs without a collection (with the default
    // initial heap it paid one of ~0.13 s; docs/benchmarks.md, "CLI: cold diff")
    static final List<String> FAST_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms768m",
            "-Xmn512m");
    private static final Set<String> SHORT_COMMANDS = Set.of("diff", "changelog", "check-pact");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Optional<List<String>> relaunch = relaunch(args, System.getenv(), System.getProperty(LAUNCHED) != null,
                ProcessHandle.current().info().arguments().map(List::of), jar(), javaExecutable());
        if (relaunch.isEmpty()) {
            CovenantCli.main(args);
            return;
        }
        Process child = new ProcessBuilder(relaunch.get()).inheritIO().start();
        Thread stop = new Thread(child::destroy, "covenant-stop-child");
        Runtime.getRuntime().addShutdownHook(stop);
        int exit = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stop);
        System.exit(exit);
    }

    /**
     * The command line of the second JVM, or empty when this one should run the command.
     *
     * @param jvmArguments this JVM's own command line after the executable ({@code -jar x.jar diff a b}), if known
     */
    static Optional<List<String>> relaunch(String[] args, Map<String, String> env, boolean launched,
                                           Optional<List<String>> jvmArguments, Optional<Path> jar,
                                           Optional<Path> java) {
        if (launched || "0".equals(env.get("COVENANT_FAST_START")) || env.containsKey("JAVA_TOOL_OPTIONS")
                || env.containsKey("JDK_JAVA_OPTIONS") || jar.isEmpty() || java.isEmpty() || jvmArguments.isEmpty()
                || !isShortCommand(args)) {
            return Optional.empty();
        }
        List<String> own = jvmArguments.get();
        if (own.size() < 2 || !own.get(0).equals("-jar")) {
            return Optional.empty(); // JVM options chosen by whoever started us, or not `java -jar`: theirs to keep
        }
        List<String> command = new ArrayList<>();
        command.add(java.get().toString());
        command.addAll(FAST_OPTIONS);
        Path archive = archiveOf(jar.get());
        if (Files.isRegularFile(archive)) {
            // an archive recorded for another path or JDK is skipped silently: the command runs, only slower
            command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto",
                    "-Xlog:cds=off,cds+dynamic=off"));
        }
        command.add("-D" + LAUNCHED + "=true");
        command.add("-jar");
        command.add(jar.get().toString());
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /** The class-data-sharing archive {@code mvn package} records beside the jar. */
    static Path archiveOf(Path jar) {
        String name = jar.getFileName().toString();
        return jar.resolveSibling((name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name) + ".jsa");
    }

    private static boolean isShortCommand(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return SHORT_COMMANDS.contains(arg);
            }
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version")) {
                return false;
            }
        }
        return false;
    }

    private static Optional<Path> jar() {
        try {
            var source = Main.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin",
                File.separatorChar == '\\' ? "java.exe" : "java");
        return Files.isExecutable(java) ? Optional.of(java) : Optional.empty();
    }
}
