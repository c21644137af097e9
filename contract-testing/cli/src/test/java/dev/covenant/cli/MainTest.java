package dev.covenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a bare {@code java -jar covenant-cli.jar} runs its command in a second JVM with the launcher's options. */
class MainTest {

    @TempDir
    Path dir;

    private Optional<List<String>> decide(String[] args, Map<String, String> env, boolean launched,
                                          List<String> jvmArguments) throws IOException {
        Path jar = Files.createFile(dir.resolve("covenant-cli.jar"));
        try {
            return Main.relaunch(args, env, launched, Optional.of(jvmArguments), Optional.of(jar),
                    Optional.of(Path.of("/opt/jdk/bin/java")));
        } finally {
            Files.delete(jar);
        }
    }

    private static List<String> bare(String... args) {
        List<String> own = new java.util.ArrayList<>(List.of("-jar", "covenant-cli.jar"));
        own.addAll(List.of(args));
        return own;
    }

    @Test
    void aBareColdDiffRunsInAJvmWithTheClientCompilerAndTheArchiveWhenThereIsOne() throws IOException {
        String[] args = {"diff", "--format", "json", "base.yaml", "revision.yaml"};
        Optional<List<String>> without = decide(args, Map.of(), false, bare(args));
        Files.createFile(dir.resolve("covenant-cli.jsa"));
        Optional<List<String>> with = decide(args, Map.of(), false, bare(args));

        assertThat(without).get().asList().startsWith("/opt/jdk/bin/java", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC").noneMatch(arg -> arg.toString().startsWith("-XX:SharedArchiveFile"))
                .contains("-Dcovenant.launched=true")
                .endsWith("-jar", dir.resolve("covenant-cli.jar").toString(), "diff", "--format", "json",
                        "base.yaml", "revision.yaml");
        assertThat(with).get().asList()
                .contains("-XX:SharedArchiveFile=" + dir.resolve("covenant-cli.jsa"), "-Xshare:auto");
    }

    @Test
    void changelogAndCheckPactAreShortCommandsToo() throws IOException {
        for (String command : List.of("changelog", "check-pact")) {
            String[] args = {command, "a.yaml", "b.yaml"};
            assertThat(decide(args, Map.of(), false, bare(args))).as(command).isPresent();
        }
    }

    @Test
    void everythingElseRunsInThisJvm() throws IOException {
        String[] diff = {"diff", "a.yaml", "b.yaml"};
        // already relaunched, or by the launcher script
        assertThat(decide(diff, Map.of(), true, bare(diff))).isEmpty();
        // JVM options chosen by the user are kept
        assertThat(decide(diff, Map.of(), false, List.of("-Xmx2g", "-jar", "covenant-cli.jar", "diff", "a.yaml",
                "b.yaml"))).isEmpty();
        assertThat(decide(diff, Map.of("JAVA_TOOL_OPTIONS", "-Xmx2g"), false, bare(diff))).isEmpty();
        assertThat(decide(diff, Map.of("JDK_JAVA_OPTIONS", "-Xmx2g"), false, bare(diff))).isEmpty();
        // switched off
        assertThat(decide(diff, Map.of("COVENANT_FAST_START", "0"), false, bare(diff))).isEmpty();
        // not `java -jar` (a class path run: tests, IDEs)
        assertThat(decide(diff, Map.of(), false, List.of("-cp", "x.jar", "dev.covenant.cli.Main", "diff")))
                .isEmpty();
        // long-running or registry commands, help and version
        for (String[] args : List.of(new String[] {"stub", "a.yaml"}, new String[] {"publish-openapi", "a.yaml"},
                new String[] {"--help", "diff"}, new String[] {"--version"}, new String[] {})) {
            assertThat(decide(args, Map.of(), false, bare(args))).as(List.of(args).toString()).isEmpty();
        }
    }

    @Test
    void theArchiveIsTheJarsNameWithJsa() {
        assertThat(Main.archiveOf(Path.of("/ci/tools/covenant-cli.jar")))
                .isEqualTo(Path.of("/ci/tools/covenant-cli.jsa"));
    }
}
