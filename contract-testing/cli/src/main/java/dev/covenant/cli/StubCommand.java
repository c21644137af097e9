package dev.covenant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.Validation;
import dev.covenant.contract.stub.StubEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code covenant stub doc.yaml [--port 4010]} or {@code covenant stub --registry URL --application A --ref agreed}:
 * serves a stub of the document until stopped, so a consumer can be built before its provider.
 */
@Command(name = "stub", mixinStandardHelpOptions = true,
        description = "Serve a stub of an OpenAPI document (a file, or an application's document in the registry):"
                + " requests are validated, responses are the documented examples or generated from the schemas.")
final class StubCommand extends RegistryCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<document>", description = "The OpenAPI document to serve.")
    Path document;

    @Option(names = "--application", paramLabel = "<name>", description = "Serve this application's document from the registry.")
    String application;

    @Option(names = "--ref", defaultValue = "latest", paramLabel = "<version|latest|agreed|proposal-ID>",
            description = "Which of the application's documents (default: ${DEFAULT-VALUE}).")
    String ref;

    @Option(names = "--port", defaultValue = "4010", paramLabel = "<port>", description = "Port (default: ${DEFAULT-VALUE}; 0 picks one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "<host>", description = "Interface (default: ${DEFAULT-VALUE}).")
    String host;

    /** Released to stop serving (tests); otherwise the process serves until killed. */
    final CountDownLatch stop = new CountDownLatch(1);
    /** The running server once started (tests read its port). */
    volatile StubServer server;

    @Override
    public Integer call() {
        JsonNode tree = tree();
        try (StubServer running = StubServer.start(StubEngine.forDocument(tree), host, port)) {
            server = running;
            spec.commandLine().getOut().println("Stub of " + (document != null ? document : application + " " + ref)
                    + " on http://" + host + ":" + running.port() + "/ (Ctrl-C stops it)");
            spec.commandLine().getOut().flush();
            stop.await();
            return 0;
        } catch (IOException e) {
            throw new CliException(CliException.USAGE, "cannot listen on " + host + ":" + port + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private JsonNode tree() {
        if ((document == null) == (application == null)) {
            throw new CliException(CliException.USAGE, "give either a document file or --application (with --registry)");
        }
        if (document != null) {
            return Inputs.document(document, Validation.LENIENT).tree();
        }
        return client().stubDocument(application, ref);
    }
}
