package dev.covenant.registry.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.stereotype.Component;

/**
 * Finds the covenant-cli.jar this registry serves at {@code GET /cli/covenant-cli.jar}: {@code covenant.cli.jar}
 * when set, else beside the registry's jar, else the source tree's {@code contract-testing/cli/target} above it
 * (so {@code mvn -q -DskipTests package && registry/run} serves the CLI that build made). A jar whose version is
 * not the registry's is not served: a CI job must get the CLI that matches the registry it talks to.
 */
@Component
class CliJar {

    private static final Logger log = LoggerFactory.getLogger(CliJar.class);
    static final String FILE_NAME = "covenant-cli.jar";
    private static final String POM_PROPERTIES = "META-INF/maven/dev.covenant/covenant-cli/pom.properties";

    /** What was found: the jar and its version, or why there is none. */
    sealed interface Lookup permits Found, Missing {
    }

    record Found(Path jar, String version) implements Lookup {
    }

    record Missing(String reason) implements Lookup {
    }

    private final String configured;
    private final Path home;
    private final String registryVersion;

    @org.springframework.beans.factory.annotation.Autowired
    CliJar(@Value("${covenant.cli.jar:}") String configured, ObjectProvider<BuildProperties> build) {
        this(configured, new ApplicationHome(CliJar.class).getDir().toPath(),
                Optional.ofNullable(build.getIfAvailable()).map(BuildProperties::getVersion).orElse(null));
    }

    CliJar(String configured, Path home, String registryVersion) {
        this.configured = configured == null || configured.isBlank() ? null : configured.strip();
        this.home = home;
        this.registryVersion = registryVersion;
    }

    /** Looked up on each request: a rebuilt CLI is served without a restart. */
    Lookup lookup() {
        List<Path> candidates = candidates();
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                String version = version(candidate);
                if (registryVersion != null && !registryVersion.equals(version)) {
                    log.warn("{} is covenant-cli {}, not the registry's version {}: it is not served at /cli/{}; rebuild"
                            + " both with 'mvn -q -DskipTests package' or set covenant.cli.jar", candidate, version,
                            registryVersion, FILE_NAME);
                    return new Missing(candidate.getFileName() + " beside this registry is version " + version
                            + ", not the registry's " + registryVersion);
                }
                return new Found(candidate, version);
            }
        }
        return new Missing(configured != null ? "covenant.cli.jar names " + configured + ", which is not a file"
                : "no " + FILE_NAME + " beside this registry (looked in " + String.join(", ",
                        candidates.stream().map(path -> path.getParent().toString()).toList()) + ")");
    }

    private List<Path> candidates() {
        if (configured != null) {
            return List.of(Path.of(configured));
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(home.resolve(FILE_NAME));
        // registry/target, registry/target/app (registry/run's extracted jar), registry/target/classes (tests)
        Path dir = home.toAbsolutePath().normalize();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            candidates.add(dir.resolve("contract-testing").resolve("cli").resolve("target").resolve(FILE_NAME));
        }
        return candidates.stream().distinct().toList();
    }

    /** The version Maven recorded in the jar, or "unknown". */
    static String version(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(POM_PROPERTIES);
            if (entry == null) {
                return "unknown";
            }
            try (InputStream in = file.getInputStream(entry)) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            return "unknown";
        }
    }
}
