package dev.covenant.cli;

import dev.covenant.client.PactFile;
import dev.covenant.client.Results.Notice;
import dev.covenant.client.Results.PublishedPacts;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code covenant publish-pacts target/pacts --version 1.0.0}: the consumer side of CI. */
@Command(name = "publish-pacts",
        description = "Publish pact files (or every *.json in a directory) as a consumer version. Idempotent.")
final class PublishPactsCommand extends RegistryCommand {

    @Mixin
    HelpOption help;

    @Parameters(arity = "1..*", paramLabel = "<pact|dir>", description = "Pact files or directories of them.")
    List<Path> paths;

    @Mixin
    VersionOptions versionOptions;

    @Override
    public Integer call() {
        List<PactFile> pacts;
        try {
            pacts = PactFile.collect(paths);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.INVALID_INPUT, e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CliException(CliException.IO, Inputs.oneLine(e.getMessage()));
        }
        if (pacts.isEmpty()) {
            throw new CliException(CliException.INVALID_INPUT, "no pact files (*.json) in " + paths
                    + ": did the consumer tests run and write them (pact-jvm: target/pacts)?");
        }
        String resolvedVersion = versionOrCommit(versionOptions.version);
        List<PublishedPacts> published = client().publishPacts(resolvedVersion,
                branchOrCi(versionOptions.branch), versionOptions.tags, buildUrlOrCi(versionOptions.buildUrl), pacts);
        for (PublishedPacts result : published) {
            out().printf("Published the pacts of %s %s with %s%n", result.consumer(), result.version(),
                    String.join(", ", result.providers()));
            for (Notice notice : result.notices()) {
                out().printf("  %s: %s%n", notice.type(), notice.text());
            }
        }
        out().flush();
        return 0;
    }
}
