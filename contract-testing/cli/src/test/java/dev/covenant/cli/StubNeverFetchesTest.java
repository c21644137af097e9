package dev.covenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.covenant.contract.check.ExchangeChecker;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.OpenApiDocuments;
import dev.covenant.contract.pact.HttpResponse;
import dev.covenant.contract.pact.PactBody;
import dev.covenant.contract.stub.StubEngine;
import dev.covenant.contract.stub.StubRequest;
import dev.covenant.contract.stub.StubResponse;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A document whose {@code $ref}s point at a local HTTP server that records every hit and at files
 * ({@code file:///etc/passwd}, and a named pipe that reports being opened): {@code covenant stub} and
 * {@code covenant verify-openapi} refuse it naming the references, the engine's stub and drift checker built on
 * its raw tree answer without following them, and nothing is fetched or read.
 */
class StubNeverFetchesTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> hits = new CopyOnWriteArrayList<>();
    private Path pipe;
    /** Completes when something opens the pipe for reading (its writer's open returns then). */
    private CompletableFuture<Void> pipeOpened;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] body = "type: object\nproperties: {leaked: {type: string}}\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        pipe = dir.resolve("secret.yaml");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
        pipeOpened = CompletableFuture.runAsync(() -> {
            try (FileOutputStream writer = new FileOutputStream(pipe.toFile())) { // blocks until a reader opens it
                writer.write("type: string\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(0);
        if (!pipeOpened.isDone()) {
            try (InputStream release = Files.newInputStream(pipe)) { // lets the writer thread finish
                release.readAllBytes();
            }
        }
        pipeOpened.get(10, TimeUnit.SECONDS);
    }

    private String remote() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/x.yaml";
    }

    private String document() {
        return """
                openapi: 3.0.3
                info: {title: Refs, version: '1'}
                paths:
                  /things/{id}:
                    get:
                      parameters:
                        - {name: id, in: path, required: true, schema: {$ref: 'file:///etc/passwd'}}
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: '%s#/Thing'}
                    put:
                      requestBody:
                        content:
                          application/json:
                            schema: {$ref: '%s'}
                      responses:
                        '204': {description: ok}
                """.formatted(remote(), pipe.toUri());
    }

    private record Result(int exit, String out) {
    }

    private Result cli(String... args) {
        CommandLine commandLine = CovenantCli.commandLine(Map.of());
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(out));
        return new Result(commandLine.execute(args), out.toString());
    }

    @Test
    void theStubCommandRefusesTheDocumentNamingItsReferencesAndFetchesNothing() throws Exception {
        Path file = dir.resolve("refs.yaml");
        Files.writeString(file, document());
        Result stub = cli("stub", file.toString(), "--port", "0");
        assertThat(stub.exit()).as(stub.out()).isEqualTo(CliException.INVALID_INPUT);
        assertThat(stub.out()).contains("references content outside itself, which is never fetched")
                .contains("'file:///etc/passwd'").contains("(and 2 more)");
        assertNothingFetchedOrRead();
    }

    @Test
    void theDriftCheckRefusesTheDocumentAndSendsNothing() throws Exception {
        Path file = dir.resolve("refs.yaml");
        Files.writeString(file, document());
        // the provider under check is the recording server itself: not even an operation's request may reach it
        Result drift = cli("verify-openapi", "--base-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "--document", file.toString(), "--include-unsafe");
        assertThat(drift.exit()).as(drift.out()).isEqualTo(CliException.INVALID_INPUT);
        assertThat(drift.out()).contains("references content outside itself, which is never fetched");
        assertNothingFetchedOrRead();
    }

    @Test
    void theEnginesStubAndCheckerOnTheRawTreeAnswerWithoutFollowingTheReferences() throws Exception {
        JsonNode tree = OpenApiDocuments.readTree(document().getBytes(StandardCharsets.UTF_8), DocumentLimits.DEFAULTS);
        StubEngine stub = StubEngine.forDocument(tree);
        StubResponse got = stub.handle(new StubRequest("GET", "/things/1", Map.of(), Map.of(), null));
        StubResponse put = stub.handle(new StubRequest("PUT", "/things/1", Map.of(),
                Map.of("Content-Type", "application/json"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertThat(got.status()).as(got.bodyText()).isBetween(200, 499);
        assertThat(got.bodyText()).doesNotContain("leaked").doesNotContain("root:");
        assertThat(put.status()).as(put.bodyText()).isBetween(200, 499);
        ExchangeChecker checker = ExchangeChecker.forDocument(tree);
        assertThat(checker.checkResponse("GET", "/things/1", new HttpResponse(200,
                Map.of("Content-Type", "application/json"),
                new PactBody(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"leaked\":1}"),
                        "application/json", false)))).isNotNull();
        assertNothingFetchedOrRead();
    }

    private void assertNothingFetchedOrRead() {
        // every load above is synchronous: a fetch or a read would have happened before the call returned
        assertThat(hits).as("requests the local server received").isEmpty();
        assertThat(pipeOpened).as("the file reference was never opened").isNotDone();
    }
}
