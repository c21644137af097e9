package dev.covenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
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

/**
 * An unknown application, version or environment is the "refused" exit code (6, docs/ci.md) for can-i-deploy as
 * for record-deployment, said once. The local server answers as the registry does: can-i-deploy's unknown names
 * are a 400 carrying the text twice (problem {@code detail} and Pact Broker {@code errors}), an unknown version an
 * "unknown" verdict, and the resources 404.
 */
class CliNotFoundExitCodesTest {

    private static final String UNKNOWN_ENVIRONMENT = """
            {"type": "https://covenant.dev/problems/invalid-request", "title": "Invalid request", "status": 400,
             "detail": "Environment with name 'prod' does not exist",
             "errors": {"environment": ["Environment with name 'prod' does not exist"]}}""";
    private static final String UNKNOWN_APPLICATION = """
            {"status": 400, "detail": "Pacticipant web not found", "errors": {"q": ["Pacticipant web not found"]}}""";
    private static final String ENVIRONMENTS = """
            {"_embedded": {"environments": [{"uuid": "e1", "name": "%s", "production": true}]}}""";

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A registry knowing environment {@code environment}, application web and, when {@code knowsVersion}, web 1.0.0. */
    private String registry(String environment, boolean knowsApplication, boolean knowsVersion) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/environments", exchange -> answer(exchange, 200, ENVIRONMENTS.formatted(environment)));
        server.createContext("/can-i-deploy", exchange -> {
            if (!exchange.getRequestURI().getRawQuery().contains("environment=" + environment)) {
                answer(exchange, 400, UNKNOWN_ENVIRONMENT);
            } else if (!knowsApplication) {
                answer(exchange, 400, UNKNOWN_APPLICATION);
            } else {
                answer(exchange, 200, """
                        {"summary": {"deployable": null, "reason": "No version 1.0.0 of web", "unknown": 1},
                         "matrix": []}""");
            }
        });
        server.createContext("/pacticipants/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            boolean found = path.equals("/pacticipants/web") ? knowsApplication
                    : path.equals("/pacticipants/web/versions/1.0.0") && knowsVersion;
            answer(exchange, found ? 200 : 404, found ? "{}" : "{\"detail\": \"not found\"}");
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/hal+json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String url, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = CovenantCli.commandLine(Map.of("COVENANT_URL", url));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    @Test
    void anUnknownEnvironmentIsTheNotFoundCodeForCanIDeployAsForRecordDeployment() throws IOException {
        String url = registry("production", true, true);

        Run canIDeploy = run(url, "can-i-deploy", "-a", "web", "-v", "1.0.0", "--to-environment", "prod");
        Run record = run(url, "record-deployment", "-a", "web", "-v", "1.0.0", "-e", "prod");

        assertThat(canIDeploy.exit()).isEqualTo(CliException.REFUSED).isEqualTo(record.exit());
        assertThat(canIDeploy.err()).isEqualTo(record.err()).startsWith("covenant: there is no environment 'prod'")
                .hasLineCount(1);
    }

    @Test
    void anUnknownApplicationIsTheNotFoundCodeSaidOnce() throws IOException {
        String url = registry("production", false, false);

        Run canIDeploy = run(url, "can-i-deploy", "-a", "web", "-v", "1.0.0", "--to-environment", "production");

        assertThat(canIDeploy.exit()).isEqualTo(CliException.REFUSED);
        assertThat(canIDeploy.err()).startsWith("covenant: there is no application 'web'").hasLineCount(1);
    }

    @Test
    void anUnknownVersionIsTheNotFoundCodeNotAnUnknownVerdict() throws IOException {
        String url = registry("production", true, false);

        Run canIDeploy = run(url, "can-i-deploy", "-a", "web", "-v", "1.0.0", "--to-environment", "production");

        assertThat(canIDeploy.exit()).isEqualTo(CliException.REFUSED);
        assertThat(canIDeploy.err()).startsWith("covenant: there is no version '1.0.0' of web").hasLineCount(1);
        assertThat(canIDeploy.out()).isEmpty();
    }

    @Test
    void aKnownVersionWithoutEvidenceStaysAnUnknownVerdict() throws IOException {
        String url = registry("production", true, true);

        Run canIDeploy = run(url, "can-i-deploy", "-a", "web", "-v", "1.0.0", "--to-environment", "production");

        assertThat(canIDeploy.exit()).isEqualTo(CliException.FINDINGS);
        assertThat(canIDeploy.out()).contains("web 1.0.0 to production: unknown (no)");
    }
}
