package dev.covenant.cli;

import dev.covenant.client.Results.PublishedDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code covenant publish-openapi doc.yaml --application inventory --version 1.2.0}. */
@Command(name = "publish-openapi", mixinStandardHelpOptions = true,
        description = "Publish a provider's OpenAPI document (YAML or JSON) for one version. Idempotent.")
final class PublishOpenApiCommand extends RegistryCommand {

    @Parameters(index = "0", paramLabel = "<document>", description = "The OpenAPI 2.0/3.0/3.1 document.")
    Path document;

    @Option(names = {"-a", "--application"}, required = true, description = "The provider's name in the registry.")
    String application;

    @Option(names = {"-v", "--version"}, description = "The application version (default: the CI commit SHA).")
    String version;

    @Option(names = {"-b", "--branch"}, description = "The git branch (default: detected from CI variables).")
    String branch;

    @Option(names = {"-t", "--tag"}, description = "A tag for this version (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--build-url", description = "A link to the CI run (default: detected from CI variables).")
    String buildUrl;

    @Override
    public Integer call() {
        byte[] bytes = readDocument(document);
        String resolvedVersion = versionOrCommit(version);
        String resolvedBranch = branchOrCi(branch);
        PublishedDocument published = client().publishOpenApi(application, resolvedVersion, resolvedBranch, tags,
                buildUrlOrCi(buildUrl), bytes, contentType(document));
        out().printf("Published the OpenAPI document of %s %s%s: %s (sha256 %s)%n", application, resolvedVersion,
                resolvedBranch == null ? "" : " on branch " + resolvedBranch,
                published.created() ? "new" : "unchanged, already published", published.sha256());
        out().flush();
        return 0;
    }
}
