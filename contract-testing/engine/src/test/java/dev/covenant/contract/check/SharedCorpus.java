package dev.covenant.contract.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the shared conformance corpora ({@code ../shared/conformance} next to the project). */
final class SharedCorpus {

    private SharedCorpus() {
    }

    static Path conformance(String corpus) {
        String configured = System.getProperty("covenant.shared.dir");
        if (configured != null && !configured.isBlank() && !configured.contains("${")) {
            Path path = Paths.get(configured).resolve("conformance").resolve(corpus);
            if (Files.isDirectory(path)) {
                return path.normalize();
            }
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path path = dir.resolve("shared").resolve("conformance").resolve(corpus);
            if (Files.isDirectory(path)) {
                return path;
            }
        }
        throw new IllegalStateException("conformance corpus '" + corpus + "' not found: set -Dcovenant.shared.dir "
                + "or keep the 'shared' folder next to the project");
    }
}
