package dev.covenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code covenant verify-openapi} against small providers on free ports: one that keeps its word, ones that drift. */
class VerifyOpenApiCommandTest {

    private static final String DOCUMENT = """
            openapi: 3.0.3
            info: {title: Stock, version: '1'}
            paths:
              /stock/{sku}:
                get:
                  parameters:
                    - {name: sku, in: path, required: true, schema: {type: string}, example: AB123}
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
                              quantity: {type: integer}
                delete:
                  parameters:
                    - {name: sku, in: path, required: true, schema: {type: string}}
                  responses:
                    '204': {description: gone}
            """;

    private HttpServer provider;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.stop(0);
        }
    }

    @Test
    void aProviderThatKeepsItsWordPasses(@TempDir Path dir) throws Exception {
        int port = provider("{\"sku\":\"AB123\",\"quantity\":4}", 0);
        Result result = verify(dir, port);
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("passed   200    GET /stock/{sku}")
                .contains("skipped  -      DELETE /stock/{sku} (unsafe method")
                .contains("1 passed, 0 failed, 1 skipped");
    }

    @Test
    void aFieldWhoseTypeDriftedInCodeFails(@TempDir Path dir) throws Exception {
        int port = provider("{\"sku\":\"AB123\",\"quantity\":\"four\"}", 0);
        Result result = verify(dir, port);
        assertThat(result.exit()).isEqualTo(CliException.FINDINGS);
        assertThat(result.out()).contains("FAILED   200    GET /stock/{sku}")
                .contains("response.body.incompatible")
                .contains("0 passed, 1 failed");
    }

    @Test
    void aHangingProviderIsTimedOutAndReported(@TempDir Path dir) throws Exception {
        int port = provider("{\"sku\":\"AB123\",\"quantity\":4}", 5_000);
        Result result = verify(dir, port, "--request-timeout", "1");
        assertThat(result.exit()).isEqualTo(CliException.FINDINGS);
        assertThat(result.out()).contains("no answer within 1 s");
    }

    @Test
    void anOversizedAnswerIsCutAndReported(@TempDir Path dir) throws Exception {
        int port = provider("{\"sku\":\"" + "A".repeat(5000) + "\",\"quantity\":4}", 0);
        Result result = verify(dir, port, "--max-response-bytes", "1000");
        assertThat(result.exit()).isEqualTo(CliException.FINDINGS);
        assertThat(result.out()).contains("larger than 1000 bytes");
    }

    @Test
    void aNumberPastEveryDoubleIsCheckedNotCrashedOn(@TempDir Path dir) throws Exception {
        int port = provider("{\"sku\":\"AB123\",\"quantity\":1e999}", 0); // read as a double, it was infinite
        Result result = verify(dir, port);
        assertThat(result.out()).contains("passed   200    GET /stock/{sku}"); // an integer, however large
        assertThat(result.exit()).isZero();
    }

    @Test
    void aProviderStreamingWithoutEndIsCutAtTheCapAndReported(@TempDir Path dir) throws Exception {
        int port = streamingProvider(0); // as fast as it can, until the connection closes: gigabytes if let
        Result result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> verify(dir, port, "--max-response-bytes", "1048576", "--request-timeout", "30"));
        assertThat(result.exit()).isEqualTo(CliException.FINDINGS);
        assertThat(result.out()).contains("FAILED").contains("larger than 1048576 bytes");
    }

    @Test
    void aProviderThatSendsHeadersThenDribblesIsTimedOutAndReported(@TempDir Path dir) throws Exception {
        int port = streamingProvider(200); // a few bytes every 200 ms: the headers came, the body never ends
        long start = System.nanoTime();
        Result result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> verify(dir, port, "--request-timeout", "1"));
        assertThat(result.exit()).isEqualTo(CliException.FINDINGS);
        assertThat(result.out()).contains("FAILED").contains("not complete within 1 s");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(30));
    }

    @Test
    void publishStoresTheOutcomeAsTheVersionsSelfVerification(@TempDir Path dir) throws Exception {
        int port = provider("{\"sku\":\"AB123\",\"quantity\":\"four\"}", 0);
        HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.atomic.AtomicReference<String> stored = new java.util.concurrent.atomic.AtomicReference<>();
        registry.createContext("/applications/stock/versions/1.2.0/openapi/self-verification", exchange -> {
            stored.set(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        registry.start();
        try {
            Result result = verify(dir, port, "--publish", "--application", "stock", "--version", "1.2.0",
                    "--registry", "http://127.0.0.1:" + registry.getAddress().getPort());
            assertThat(result.exit()).isEqualTo(CliException.FINDINGS);
            assertThat(stored.get()).startsWith("PUT ").contains("\"success\":false")
                    .contains("response.body.incompatible");
        } finally {
            registry.stop(0);
        }
    }

    private record Result(int exit, String out) {
    }

    private Result verify(Path dir, int port, String... extra) throws Exception {
        Path file = dir.resolve("stock.yaml");
        Files.writeString(file, DOCUMENT);
        CommandLine commandLine = CovenantCli.commandLine(Map.of());
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(out));
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("verify-openapi", "--base-url",
                "http://127.0.0.1:" + port, "--document", file.toString()), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        return new Result(commandLine.execute(args), out.toString());
    }

    /** A provider answering 200 with a JSON body that never ends, a chunk every {@code pauseMillis}. */
    private int streamingProvider(long pauseMillis) throws Exception {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        provider.createContext("/stock/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0); // chunked
                byte[] chunk = ("{\"sku\":\"" + "A".repeat(pauseMillis > 0 ? 8 : 64 * 1024))
                        .getBytes(StandardCharsets.UTF_8);
                java.io.OutputStream out = exchange.getResponseBody();
                for (;;) {
                    out.write(chunk);
                    out.flush();
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                }
            } catch (java.io.IOException | InterruptedException e) {
                // the check hung up: what it should do
            }
        });
        provider.start();
        return provider.getAddress().getPort();
    }

    private int provider(String body, long delayMillis) throws Exception {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        provider.createContext("/stock/", exchange -> {
            try (exchange) {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis); // the provider hangs: the check must not wait for it
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/stock/AB123") ? 200 : 404,
                        bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        provider.start();
        return provider.getAddress().getPort();
    }
}
