package dev.covenant.cli;

import dev.covenant.client.Results.PublishedDocument;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code covenant publish-openapi doc.yaml --application inventory --version 1.2.0}. */
@Command(name = "publish-openapi",
        description = "Publish a provider's OpenAPI document (YAML or JSON) for one version. Idempotent.")
final class PublishOpenApiCommand extends RegistryCommand {

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "<document>", description = "The OpenAPI 2.0/3.0/3.1 document.")
    Path document;

    @Option(names = {"-a", "--application"}, required = true, description = "The provider's name in the registry.")
    String application;

    @Mixin
    VersionOptions versionOptions;

    @Override
    public Integer call() {
        byte[] bytes = readDocument(document);
        String resolvedVersion = versionOrCommit(versionOptions.version);
        String resolvedBranch = branchOrCi(versionOptions.branch);
        PublishedDocument published = client().publishOpenApi(application, resolvedVersion, resolvedBranch,
                versionOptions.tags, buildUrlOrCi(versionOptions.buildUrl), bytes, contentType(document));
        out().printf("Published the OpenAPI document of %s %s%s: %s (sha256 %s)%n", application, resolvedVersion,
                resolvedBranch == null ? "" : " on branch " + resolvedBranch,
                published.created() ? "new" : "unchanged, already published", published.sha256());
        out().flush();
        return 0;
    }
}
