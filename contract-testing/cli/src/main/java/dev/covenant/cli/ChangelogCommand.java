package dev.covenant.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.covenant.contract.diff.Changelog;
import dev.covenant.contract.diff.DiffOptions;
import dev.covenant.contract.diff.OpenApiDiff;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code covenant changelog base.yaml revision.yaml}: what changed for people (release notes, a pull request),
 * breaking changes first, grouped by operation. A report, not a gate: it exits 0 whatever changed; {@code diff}
 * is the gate.
 */
@Command(name = "changelog", mixinStandardHelpOptions = true,
        description = "Write the changelog between two OpenAPI documents (base -> revision): breaking changes first,"
                + " grouped by operation.")
final class ChangelogCommand implements Callable<Integer> {

    /** What this command writes. */
    enum Format { MARKDOWN, JSON }

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<base>", description = "The document as it was.")
    private Path base;

    @Parameters(index = "1", paramLabel = "<revision>", description = "The document as it is proposed.")
    private Path revision;

    @Option(names = "--format", defaultValue = "markdown", paramLabel = "markdown|json",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = "--title", paramLabel = "<text>",
            description = "Heading of the markdown changelog (default: 'Changes from <base> to <revision>').")
    private String title;

    @Override
    public Integer call() {
        Changelog changelog = Changelog.of(OpenApiDiff.diff(Inputs.document(base, dev.covenant.contract.openapi.Validation.NONE),
                Inputs.document(revision, dev.covenant.contract.openapi.Validation.NONE),
                DiffOptions.defaults()));
        String text = switch (format) {
            case MARKDOWN -> changelog.markdown(title != null ? title
                    : "Changes from " + base.getFileName() + " to " + revision.getFileName());
            case JSON -> json(changelog);
        };
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static String json(Changelog changelog) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(changelog) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a changelog is made of records and always serializes", e);
        }
    }
}
