package dev.covenant.cli;

import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.contract.openapi.Validation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code covenant diff base.yaml revision.yaml}: exit 1 when a change is at or above {@code --fail-on}. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two OpenAPI documents (base -> revision) and report changes with oasdiff rule ids.")
final class DiffCommand implements Callable<Integer> {

    private final DiffRunner runner;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<base>", description = "The document as it was.")
    private Path base;

    @Parameters(index = "1", paramLabel = "<revision>", description = "The document as it is proposed.")
    private Path revision;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|markdown",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    @Option(names = "--fail-on", defaultValue = "ERR", paramLabel = "ERR|WARN",
            description = "Exit 1 when a change is at least this level (default: ${DEFAULT-VALUE}).")
    private FailOn failOn;

    @Option(names = "--validate",
            description = "Also check each document's structure against the OpenAPI specification and report each "
                    + "problem as a document-invalid warning (off by default: the diff needs only the tree).")
    private boolean validate;

    /** Levels that can fail a build; INFO never does. */
    enum FailOn { ERR, WARN }

    DiffCommand(DiffRunner runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() {
        Validation validation = validate ? Validation.LENIENT : Validation.NONE;
        // Two large documents read at once on two cores: a cold diff spends most of its time reading
        java.util.concurrent.CompletableFuture<ParsedDocument> later = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> Inputs.document(revision, validation));
        ParsedDocument baseDocument = Inputs.document(base, validation);
        ParsedDocument revisionDocument = joined(later);
        DiffView view = runner.diff(baseDocument, revisionDocument)
                .withDocumentWarnings(baseDocument.warnings(), revisionDocument.warnings());
        spec.commandLine().getOut().print(DiffReportFormatter.format(format, base.toString(), revision.toString(), view));
        spec.commandLine().getOut().flush();
        DiffView.Level threshold = DiffView.Level.valueOf(failOn.name());
        return view.findings().stream().anyMatch(change -> change.level().atLeast(threshold)) ? CliException.FINDINGS : 0;
    }

    private static ParsedDocument joined(java.util.concurrent.CompletableFuture<ParsedDocument> reading) {
        try {
            return reading.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
