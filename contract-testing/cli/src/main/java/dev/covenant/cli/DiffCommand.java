package dev.covenant.cli;

import dev.covenant.contract.diff.DiffSettings;
import dev.covenant.contract.openapi.DocumentLimits;
import dev.covenant.contract.openapi.InvalidDocumentException;
import dev.covenant.contract.openapi.OpenApiDocuments;
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

    @Option(names = "--option", paramLabel = "<name>=<value>",
            description = "A diff option as oasdiff names it (repeatable; after --config): deprecation-days-stable, "
                    + "deprecation-days-beta, flatten-params, match-path-params, stability-level, match-inline-refs, "
                    + "match-renamed-refs, versioning, attributes, severity.<rule-id>=ERR|WARN|INFO|NONE, "
                    + "ignore=<fingerprint>[,...].")
    private java.util.Map<String, String> options = new java.util.LinkedHashMap<>();

    @Option(names = "--config", paramLabel = "<file>",
            description = "A YAML config like oasdiff's .oasdiff.yaml: the options by name, severity-levels "
                    + "(rule id: level) and ignore (a list of finding fingerprints).")
    private Path config;

    /** Small: a config file is a few options and an ignore list. */
    private static final DocumentLimits CONFIG_LIMITS = new DocumentLimits(1024 * 1024, 16, 0);

    /** Levels that can fail a build; INFO never does. */
    enum FailOn { ERR, WARN }

    DiffCommand(DiffRunner runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() {
        DiffSettings settings = settings();
        Validation validation = validate ? Validation.LENIENT : Validation.NONE;
        // Two large documents read at once on two cores: a cold diff spends most of its time reading
        java.util.concurrent.CompletableFuture<ParsedDocument> later = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> Inputs.document(revision, validation));
        ParsedDocument baseDocument = Inputs.document(base, validation);
        ParsedDocument revisionDocument = joined(later);
        DiffView view = runner.diff(baseDocument, revisionDocument, settings)
                .withDocumentWarnings(baseDocument.warnings(), revisionDocument.warnings());
        spec.commandLine().getOut().print(DiffReportFormatter.format(format, base.toString(), revision.toString(), view));
        spec.commandLine().getOut().flush();
        DiffView.Level threshold = DiffView.Level.valueOf(failOn.name());
        return view.findings().stream().anyMatch(change -> change.level().atLeast(threshold)) ? CliException.FINDINGS : 0;
    }

    /** The config file's settings, then each {@code --option} over them; a bad one is an input error (exit 3). */
    private DiffSettings settings() {
        try {
            DiffSettings settings = config == null ? DiffSettings.defaults() : DiffSettings.read(configTree());
            for (var option : options.entrySet()) {
                settings = settings.with(option.getKey(), option.getValue());
            }
            return settings;
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.INVALID_INPUT, (config == null ? "" : config + ": ") + e.getMessage());
        }
    }

    private com.fasterxml.jackson.databind.JsonNode configTree() {
        try {
            if (java.nio.file.Files.size(config) > CONFIG_LIMITS.maxBytes()) {
                throw new CliException(CliException.INVALID_INPUT, config + ": a config file is at most 1 MB");
            }
            return OpenApiDocuments.readTree(java.nio.file.Files.readAllBytes(config), CONFIG_LIMITS);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CliException(CliException.IO, config + ": no such file");
        } catch (java.io.IOException e) {
            throw new CliException(CliException.IO, config + ": " + e.getMessage());
        } catch (InvalidDocumentException e) {
            throw new CliException(CliException.INVALID_INPUT, config + ": not readable YAML or JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
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
