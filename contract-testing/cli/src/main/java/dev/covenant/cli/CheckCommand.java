package dev.covenant.cli;

import dev.covenant.client.Results.PreMergeReport;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code covenant check inventory.yaml -a inventory}: the pre-merge check. Would this document, merged into the
 * branch, break a consumer or the application's policy? Nothing is stored.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Pre-merge check: would this document break any consumer? Exit 0 compatible, 1 not.")
final class CheckCommand extends RegistryCommand {

    @Parameters(index = "0", paramLabel = "<document>", description = "The candidate OpenAPI document.")
    Path document;

    @Option(names = {"-a", "--application"}, required = true, description = "The provider's name in the registry.")
    String application;

    @Option(names = {"-b", "--branch"}, description = "The branch it would be merged into (default: the pull or merge"
            + " request's target branch from CI variables, else main).")
    String branch;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|markdown",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
        byte[] bytes = readDocument(document);
        String target = firstNonBlank(branch, env.get("GITHUB_BASE_REF"), env.get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME"),
                env.get("CHANGE_TARGET"), "main");
        PreMergeReport report = client().preMergeCheck(application, target, bytes, contentType(document));
        out().print(PreMergeReportFormatter.format(format, application, target, report));
        out().flush();
        return report.compatible() ? 0 : CliException.FINDINGS;
    }
}
