package dev.covenant.registry.cli;

import dev.covenant.registry.system.NotFoundException;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /cli/covenant-cli.jar}: the command line that matches this registry, so a CI job can
 * {@code curl -fsSLO $COVENANT_URL/cli/covenant-cli.jar} from the registry it talks to (docs/ci.md).
 */
@RestController
class CliJarController {

    static final MediaType JAVA_ARCHIVE = MediaType.parseMediaType("application/java-archive");

    private final CliJar cliJar;

    CliJarController(CliJar cliJar) {
        this.cliJar = cliJar;
    }

    @GetMapping("/cli/" + CliJar.FILE_NAME)
    ResponseEntity<Resource> jar() {
        CliJar.Lookup lookup = cliJar.lookup();
        if (lookup instanceof CliJar.Found found) {
            return ResponseEntity.ok()
                    .contentType(JAVA_ARCHIVE)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename(CliJar.FILE_NAME).build().toString())
                    .header("X-Covenant-Cli-Version", found.version())
                    .cacheControl(CacheControl.noCache())
                    .body(new FileSystemResource(found.jar()));
        }
        throw new NotFoundException(((CliJar.Missing) lookup).reason()
                + ": build it with 'mvn -q -DskipTests package' (it is contract-testing/cli/target/"
                + CliJar.FILE_NAME + ") or point covenant.cli.jar at it");
    }
}
