package dev.covenant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.covenant.contract.openapi.Validation;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code covenant verify-openapi --base-url URL (--document doc.yaml | --application A --version V)}: does the
 * running provider answer as its document says? A table per operation; exit 0 only when nothing failed.
 */
@Command(name = "verify-openapi",
        description = "Check a running provider against its OpenAPI document: one request per operation (safe methods"
                + " unless --include-unsafe), each response checked against the document.")
final class VerifyOpenApiCommand extends RegistryCommand {

    @picocli.CommandLine.Mixin
    HelpOption help;

    @Option(names = "--base-url", required = true, paramLabel = "<url>", description = "Where the provider runs.")
    URI baseUrl;

    @Option(names = "--document", paramLabel = "<file>", description = "The document to check against.")
    Path document;

    @Option(names = "--application", paramLabel = "<name>", description = "Check against this application's document in the registry.")
    String application;

    @Option(names = "--version", paramLabel = "<version>", description = "The application version whose document is used (with --application).")
    String version;

    @Option(names = "--publish", description = "Store the outcome as the version's self-verification (with --application"
            + " and --version); an application policy can require it for can-i-deploy.")
    boolean publish;

    @Option(names = "--include-unsafe", description = "Also send POST, PUT, PATCH and DELETE requests.")
    boolean includeUnsafe;

    @Option(names = "--request-timeout", defaultValue = "10", paramLabel = "<seconds>",
            description = "Longest wait for one response (default: ${DEFAULT-VALUE}).")
    int requestTimeout;

    @Option(names = "--max-response-bytes", defaultValue = "10485760", paramLabel = "<bytes>",
            description = "Responses past this are cut and reported (default: ${DEFAULT-VALUE}).")
    int maxResponseBytes;

    @Override
    public Integer call() {
        if (document == null && application == null) {
            throw new CliException(CliException.USAGE, "give --document or --application with --version");
        }
        if (application != null && version == null) {
            throw new CliException(CliException.USAGE, "--version is required with --application");
        }
        if (requestTimeout < 1 || maxResponseBytes < 1) {
            throw new CliException(CliException.USAGE, "--request-timeout and --max-response-bytes must be at least 1");
        }
        if (publish && (application == null || version == null)) {
            throw new CliException(CliException.USAGE, "--publish needs --application and --version");
        }
        JsonNode tree = document != null ? Inputs.document(document, Validation.LENIENT).tree()
                : client().stubDocument(application, version);
        DriftCheck.Report report = new DriftCheck(tree, baseUrl,
                new DriftCheck.Options(includeUnsafe, Duration.ofSeconds(requestTimeout), maxResponseBytes)).run();
        java.io.StringWriter table = new java.io.StringWriter();
        print(report, new PrintWriter(table));
        spec.commandLine().getOut().print(table);
        spec.commandLine().getOut().flush();
        if (publish) {
            client().recordSelfVerification(application, version, report.success(), "covenant verify-openapi",
                    table.toString());
            spec.commandLine().getOut().println("Published as the self-verification of " + application + " " + version);
            spec.commandLine().getOut().flush();
        }
        return report.success() ? 0 : CliException.FINDINGS;
    }

    private static void print(DriftCheck.Report report, PrintWriter out) {
        out.printf("%-8s %-6s %s%n", "RESULT", "STATUS", "OPERATION");
        for (DriftCheck.Outcome outcome : report.outcomes()) {
            if (outcome instanceof DriftCheck.Passed passed) {
                out.printf("%-8s %-6d %s%n", "passed", passed.status(), passed.operation());
            } else if (outcome instanceof DriftCheck.Failed failed) {
                out.printf("%-8s %-6s %s%n", "FAILED", failed.status() == 0 ? "-" : String.valueOf(failed.status()),
                        failed.operation());
                failed.reasons().forEach(reason -> out.println("         - " + reason));
            } else if (outcome instanceof DriftCheck.Skipped skipped) {
                out.printf("%-8s %-6s %s (%s)%n", "skipped", "-", skipped.operation(), skipped.why());
            }
        }
        out.printf("%d passed, %d failed, %d skipped%n", report.count(DriftCheck.Passed.class),
                report.count(DriftCheck.Failed.class), report.count(DriftCheck.Skipped.class));
        out.flush();
    }
}
