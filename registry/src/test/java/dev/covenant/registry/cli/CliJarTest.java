package dev.covenant.registry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the registry finds the CLI jar it serves, and that it serves only the one matching its own version. */
class CliJarTest {

    @TempDir
    Path root;

    private static Path cliJar(Path at, String version) throws IOException {
        Files.createDirectories(at.getParent());
        try (OutputStream file = Files.newOutputStream(at); JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new ZipEntry("META-INF/maven/dev.covenant/covenant-cli/pom.properties"));
            jar.write(("groupId=dev.covenant\nartifactId=covenant-cli\nversion=" + version + "\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            jar.closeEntry();
        }
        return at;
    }

    @Test
    void theSourceTreesCliIsFoundFromTheExtractedRegistryJarOfRegistryRun() throws IOException {
        Path built = cliJar(root.resolve("contract-testing/cli/target/covenant-cli.jar"), "0.1.0");
        Path home = Files.createDirectories(root.resolve("registry/target/app"));

        CliJar.Lookup lookup = new CliJar(null, home, "0.1.0").lookup();

        assertThat(lookup).isEqualTo(new CliJar.Found(built, "0.1.0"));
    }

    @Test
    void aJarBesideTheRegistryWinsOverTheSourceTree() throws IOException {
        cliJar(root.resolve("contract-testing/cli/target/covenant-cli.jar"), "0.1.0");
        Path home = Files.createDirectories(root.resolve("registry/target"));
        Path beside = cliJar(home.resolve("covenant-cli.jar"), "0.1.0");

        assertThat(new CliJar("", home, "0.1.0").lookup()).isEqualTo(new CliJar.Found(beside, "0.1.0"));
    }

    @Test
    void aCliOfAnotherVersionIsNotServed() throws IOException {
        cliJar(root.resolve("contract-testing/cli/target/covenant-cli.jar"), "0.0.9");

        CliJar.Lookup lookup = new CliJar(null, Files.createDirectories(root.resolve("registry/target")), "0.1.0").lookup();

        assertThat(lookup).isInstanceOfSatisfying(CliJar.Missing.class, missing -> assertThat(missing.reason())
                .contains("version 0.0.9", "not the registry's 0.1.0"));
    }

    @Test
    void theConfiguredPathIsTheOnlyPlaceLookedAtWhenSet() throws IOException {
        cliJar(root.resolve("contract-testing/cli/target/covenant-cli.jar"), "0.1.0");
        Path home = Files.createDirectories(root.resolve("registry/target"));

        CliJar.Lookup lookup = new CliJar(root.resolve("elsewhere.jar").toString(), home, "0.1.0").lookup();

        assertThat(lookup).isInstanceOfSatisfying(CliJar.Missing.class, missing -> assertThat(missing.reason())
                .contains("covenant.cli.jar names", "elsewhere.jar"));
    }

    @Test
    void nothingFoundSaysWhereItLooked() throws IOException {
        Path home = Files.createDirectories(root.resolve("registry/target"));

        CliJar.Lookup lookup = new CliJar(null, home, "0.1.0").lookup();

        assertThat(lookup).isInstanceOfSatisfying(CliJar.Missing.class, missing -> assertThat(missing.reason())
                .contains("no covenant-cli.jar beside this registry", home.toString()));
    }
}
