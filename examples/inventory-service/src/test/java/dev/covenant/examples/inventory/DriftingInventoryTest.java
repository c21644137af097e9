package dev.covenant.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.cli.CovenantCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A deliberately drifting inventory-service: a developer changed {@code available} to a string in the code and
 * left the document alone. The same drift check the build runs against the real service fails it, naming the
 * operation and the field.
 */
@SpringBootTest(classes = DriftingInventoryTest.DriftingInventory.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DriftingInventoryTest {

    private static final Path DOCUMENT = Path.of("src/main/resources/openapi/inventory.yaml");

    @LocalServerPort
    int port;

    @Test
    void aFieldTypeChangedInTheCodeButNotInTheDocumentFailsTheDriftCheck() {
        CommandLine result = verify();
        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("FAILED   200    GET /items/{id}").contains("at response.body.available")
                .contains("string found, integer expected")
                .contains("0 passed, 1 failed");
    }

    private CommandLine verify() {
        picocli.CommandLine commandLine = CovenantCli.commandLine(Map.of());
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(out));
        int exit = commandLine.execute("verify-openapi", "--base-url", "http://127.0.0.1:" + port, "--document",
                DOCUMENT.toString());
        return new CommandLine(exit, out.toString());
    }

    private record CommandLine(int exit, String output) {
    }

    /** The item as the drifted code returns it: {@code available} became a string. */
    record DriftedItem(long id, String name, BigDecimal price, List<String> tags, String sku, String available) {
    }

    /** GET /items/{id} of the drifted code, over the real catalogue. */
    @RestController
    static class DriftedController {

        private final Catalog catalog = new InMemoryCatalog();

        @GetMapping("/items/{id}")
        Mono<ResponseEntity<DriftedItem>> item(@PathVariable long id) {
            return Mono.justOrEmpty(catalog.item(id))
                    .map(item -> new DriftedItem(item.id(), item.name(), item.price(), item.tags(), item.sku(),
                            String.valueOf(item.available())))
                    .map(ResponseEntity::ok)
                    .defaultIfEmpty(ResponseEntity.notFound().build());
        }
    }

    /** Only the drifted controller: nested in a test class, so the real application's scan leaves it out. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(DriftedController.class)
    static class DriftingInventory {
    }
}
