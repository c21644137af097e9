package dev.covenant.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.covenant.client.Results.CanIDeploy;
import dev.covenant.client.Results.MatrixRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code covenant can-i-deploy -a order-service -v 1.0.0 --to-environment production}: exit 0 only on yes. */
@Command(name = "can-i-deploy",
        description = "Ask whether a version can be deployed to an environment; exit 0 yes, 1 no or unknown.")
final class CanIDeployCommand extends RegistryCommand {

    @Mixin
    HelpOption help;

    @Option(names = {"-a", "--application"}, required = true, description = "The application to deploy.")
    String application;

    @Option(names = {"-v", "--version"}, description = "Its version (default: the CI commit SHA).")
    String version;

    @Option(names = {"-e", "--to-environment"}, required = true, description = "The environment, e.g. production.")
    String environment;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
        String resolvedVersion = versionOrCommit(version);
        CanIDeploy answer = client().canIDeploy(application, resolvedVersion, environment);
        if (format == OutputFormat.JSON) {
            out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(answer));
        } else {
            out().printf("%s %s to %s: %s%n", application, resolvedVersion, environment, answer.yes() ? "yes"
                    : answer.deployable() == null ? "unknown (no)" : "no");
            answer.reason().lines().forEach(line -> out().printf("  %s%n", line));
            answer.notices().stream()
                    .filter(notice -> notice.text() != null && notice.text().startsWith("WARNING"))
                    .forEach(notice -> out().printf("  %s%n", notice.text()));
            for (MatrixRow row : answer.matrix()) {
                out().printf("  %s %s -> %s %s: %s%s%n", row.consumer(), row.consumerVersion(), row.provider(),
                        row.providerVersion() == null ? "(no version)" : row.providerVersion(),
                        row.success() == null ? "not verified" : row.success() ? "verified" : "verification failed",
                        row.reason() == null ? "" : " (" + row.reason() + ")");
            }
        }
        out().flush();
        return answer.yes() ? 0 : CliException.FINDINGS;
    }
}
