package dev.covenant.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.cli.CovenantCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import picocli.CommandLine;

/**
 * The build runs {@code covenant verify-openapi} against the running service: what it answers is what its document
 * says. A drifted variant (the document and the code disagreeing on a field's type) is caught.
 */
@SpringBootTest(classes = InventoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient // same configuration as InventoryApiTest: one application context for all
class InventoryDriftCheckTest {

    private static final Path DOCUMENT = Path.of("src/main/resources/openapi/inventory.yaml");

    @LocalServerPort
    int port;

    @Test
    void theRunningServiceAnswersAsItsDocumentSays() {
        String[] result = verify(DOCUMENT, "--include-unsafe");
        assertThat(result[0]).as(result[1]).isEqualTo("0");
        assertThat(result[1]).contains("passed   200    GET /items/{id}").contains("passed   201    POST /reservations")
                .contains("2 passed, 0 failed");
    }

    @Test
    void aFieldWhoseTypeDriftedIsCaught(@TempDir Path dir) throws Exception {
        // the code still answers "available" as an integer; this variant says it is a string
        String drifted = Files.readString(DOCUMENT).replaceFirst("(available:\\s+type: )integer", "$1string");
        assertThat(drifted).isNotEqualTo(Files.readString(DOCUMENT));
        Path file = dir.resolve("inventory-drifted.yaml");
        Files.writeString(file, drifted);
        String[] result = verify(file);
        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).contains("FAILED").contains("GET /items/{id}").contains("available");
    }

    private String[] verify(Path document, String... extra) {
        CommandLine commandLine = CovenantCli.commandLine(Map.of());
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(out));
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("verify-openapi", "--base-url",
                "http://127.0.0.1:" + port, "--document", document.toString()), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        int exit = commandLine.execute(args);
        return new String[] {String.valueOf(exit), out.toString()};
    }
}
