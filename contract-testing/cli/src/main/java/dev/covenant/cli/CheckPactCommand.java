package dev.covenant.cli;

import dev.covenant.contract.check.CheckOptions;
import dev.covenant.contract.check.CheckReport;
import dev.covenant.contract.check.PactChecker;
import dev.covenant.contract.openapi.ParsedDocument;
import dev.covenant.contract.openapi.Validation;
import dev.covenant.contract.pact.Pact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code covenant check-pact --openapi doc.yaml pact.json…}: exit 1 when a pact relies on something undeclared. */
@Command(name = "check-pact", mixinStandardHelpOptions = true,
        description = "Check consumer pacts against a provider's OpenAPI document (openapi-pact-comparator codes).")
final class CheckPactCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--openapi", required = true, paramLabel = "<document>",
            description = "The provider's OpenAPI 2.0/3.0/3.1 document (YAML or JSON).")
    private Path document;

    @Parameters(arity = "1..*", paramLabel = "<pact>", description = "Pact files (specification V1 to V4).")
    private List<Path> pacts;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|markdown",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    @Option(names = "--base-path", paramLabel = "<prefix>",
            description = "Extra path prefix the provider is mounted under (besides servers/basePath).")
    private String basePath;

    @Option(names = "--validate",
            description = "Also check the document's structure against the OpenAPI specification; each problem is "
                    + "printed to standard error as a document-invalid warning.")
    private boolean validate;

    @Override
    public Integer call() {
        ParsedDocument parsed = Inputs.document(document, validate ? Validation.LENIENT : Validation.NONE);
        for (dev.covenant.contract.openapi.DocumentProblem problem : parsed.warnings()) {
            spec.commandLine().getErr().println("warning: " + ParsedDocument.DOCUMENT_INVALID + " " + document + ": "
                    + problem);
        }
        List<Pact> read = pacts.stream().map(Inputs::pact).toList();
        PactChecker checker = PactChecker.forDocument(parsed.tree(), new CheckOptions(basePath, false, true));
        List<PactReportFormatter.Checked> results = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            CheckReport report = checker.check(read.get(i));
            results.add(new PactReportFormatter.Checked(pacts.get(i).toString(), read.get(i), report));
        }
        spec.commandLine().getOut().print(PactReportFormatter.format(format, document.toString(), results));
        spec.commandLine().getOut().flush();
        return results.stream().anyMatch(result -> result.report().hasErrors()) ? CliException.FINDINGS : 0;
    }
}
