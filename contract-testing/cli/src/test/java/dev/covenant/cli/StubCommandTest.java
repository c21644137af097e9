package dev.covenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code covenant stub} serving a file and a registry's document over real HTTP on a free port. */
class StubCommandTest {

    private static final String DOCUMENT = """
            openapi: 3.0.3
            info: {title: Stock, version: '1'}
            paths:
              /stock/{sku}:
                get:
                  parameters:
                    - {name: sku, in: path, required: true, schema: {type: string, pattern: '^[A-Z]{2}[0-9]{3}$'}}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            required: [sku, quantity]
                            properties:
                              sku: {type: string}
                              quantity: {type: integer, minimum: 3}
            """;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesADocumentFileUntilStopped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stock.yaml");
        Files.writeString(file, DOCUMENT);
        try (Running stub = Running.of(Map.of(), "stub", file.toString(), "--port", "0")) {
            HttpResponse<String> ok = get(stub.port(), "/stock/AB123");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"quantity\":3");
            assertThat(get(stub.port(), "/stock/nope").statusCode()).as("sku breaks its pattern").isEqualTo(422);
            assertThat(get(stub.port(), "/stocks/AB123").statusCode()).isEqualTo(404);
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stub.port()
                    + "/stock/AB123")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(stub.out()).contains("Stub of " + file);
        }
    }

    @Test
    void servesTheRegistrysAgreedDocument() throws Exception {
        String json = dev.covenant.contract.openapi.OpenApiDocuments.readTree(DOCUMENT.getBytes(StandardCharsets.UTF_8),
                dev.covenant.contract.openapi.DocumentLimits.DEFAULTS).toString();
        HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/applications/stock/stub-documents/agreed", exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        try (Running stub = Running.of(Map.of("COVENANT_URL", "http://127.0.0.1:" + registry.getAddress().getPort()),
                "stub", "--application", "stock", "--ref", "agreed", "--port", "0")) {
            assertThat(get(stub.port(), "/stock/XY999").body()).contains("\"sku\"");
        } finally {
            registry.stop(0);
        }
    }

    @Test
    void aDocumentAndAnApplicationTogetherAreAUsageError() {
        CommandLine commandLine = CovenantCli.commandLine(Map.of());
        commandLine.setErr(new PrintWriter(new StringWriter()));
        assertThat(commandLine.execute("stub", "x.yaml", "--application", "a")).isEqualTo(CliException.USAGE);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The command running on its own thread. */
    private record Running(StubCommand command, Thread thread, StringWriter output) implements AutoCloseable {

        static Running of(Map<String, String> env, String... args) throws InterruptedException {
            CommandLine commandLine = CovenantCli.commandLine(env);
            StringWriter out = new StringWriter();
            commandLine.setOut(new PrintWriter(out));
            StubCommand command = commandLine.getSubcommands().get("stub").getCommand();
            Thread thread = new Thread(() -> commandLine.execute(args));
            thread.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (command.server == null && thread.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(10);
            }
            assertThat(command.server).as("the stub started").isNotNull();
            return new Running(command, thread, out);
        }

        int port() {
            return command.server.port();
        }

        String out() {
            return output.toString();
        }

        @Override
        public void close() throws InterruptedException {
            command.stop.countDown();
            thread.join(10_000);
        }
    }
}
