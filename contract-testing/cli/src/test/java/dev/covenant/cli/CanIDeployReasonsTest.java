package dev.covenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code covenant can-i-deploy} prints the registry's reasons as the matrix gives them: why a cross-contract check
 * does not count or failed, per row, and the warnings a yes rests on (issue 19). The registry side of these
 * answers is tested in the registry (CrossCheckEvidenceTest); here a local server answers with that shape.
 */
class CanIDeployReasonsTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/can-i-deploy", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/hal+json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        // a yes-less answer makes the CLI ask whether the application and version exist: they do
        server.createContext("/pacticipants/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{}".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String[] run(String url) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = CovenantCli.commandLine(Map.of("COVENANT_URL", url));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(new StringWriter()));
        int exit = commandLine.execute("can-i-deploy", "-a", "evt-web", "-v", "1.0.0", "--to-environment", "prod");
        return new String[] {String.valueOf(exit), out.toString()};
    }

    @Test
    void anUncountedCrossCheckIsUnknownWithItsReasonOnTheRow() throws IOException {
        String reason = "1 message interaction needs a provider verification"
                + " (a cross-contract check only checks HTTP interactions)";
        String url = serve("""
                {"summary": {"deployable": null, "reason": "There is no verified pact between version 1.0.0 of evt-web\
                 and the version of evt-api currently in prod (2.0.0): %s", "success": 0, "failed": 0, "unknown": 1},
                 "notices": [{"type": "warning", "text": "There is no verified pact between ..."}],
                 "matrix": [{"consumer": {"name": "evt-web", "version": {"number": "1.0.0"}},
                   "provider": {"name": "evt-api", "version": {"number": "2.0.0"}},
                   "verificationResult": null, "reason": "%s"}]}
                """.formatted(reason, reason));

        String[] result = run(url);

        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).contains("evt-web 1.0.0 to prod: unknown (no)")
                .contains("  There is no verified pact between version 1.0.0 of evt-web and the version of evt-api"
                        + " currently in prod (2.0.0): " + reason)
                .contains("  evt-web 1.0.0 -> evt-api 2.0.0: not verified (" + reason + ")");
    }

    @Test
    void aYesRestingOnADocumentWithoutSelfVerificationPrintsTheWarning() throws IOException {
        String warning = "WARNING: The cross-contract check of the pact between version 1.0.0 of evt-web and the"
                + " version of evt-api currently in prod (2.0.0) passed, but the provider's OpenAPI document was"
                + " published without a self-verification";
        String url = serve("""
                {"summary": {"deployable": true, "reason": "All required verification results are published and\
                 successful", "success": 1, "failed": 0, "unknown": 0},
                 "notices": [{"type": "success", "text": "All required verification results are published and\
                 successful"}, {"type": "warning", "text": "%s"}],
                 "matrix": [{"consumer": {"name": "evt-web", "version": {"number": "1.0.0"}},
                   "provider": {"name": "evt-api", "version": {"number": "2.0.0"}},
                   "verificationResult": {"success": true}, "reason": "the provider's OpenAPI document was published\
                 without a self-verification"}]}
                """.formatted(warning));

        String[] result = run(url);

        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).contains("evt-web 1.0.0 to prod: yes").contains("  " + warning)
                .contains("evt-web 1.0.0 -> evt-api 2.0.0: verified (the provider's OpenAPI document was published"
                        + " without a self-verification)");
    }
}
