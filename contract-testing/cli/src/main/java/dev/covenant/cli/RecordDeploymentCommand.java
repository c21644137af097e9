package dev.covenant.cli;

import dev.covenant.client.Results.RecordedDeployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code covenant record-deployment -a inventory -v 1.2.0 -e production}, after the deployment succeeded. */
@Command(name = "record-deployment",
        description = "Record that a version now runs in an environment (replacing the one there before).")
final class RecordDeploymentCommand extends RegistryCommand {

    @Mixin
    HelpOption help;

    @Option(names = {"-a", "--application"}, required = true, description = "The deployed application.")
    String application;

    @Option(names = {"-v", "--version"}, description = "Its version (default: the CI commit SHA).")
    String version;

    @Option(names = {"-e", "--environment"}, required = true, description = "Where it now runs, e.g. production.")
    String environment;

    @Option(names = "--application-instance", description = "Which instance, when several run side by side.")
    String applicationInstance;

    @Override
    public Integer call() {
        String resolvedVersion = versionOrCommit(version);
        RecordedDeployment deployment = client().recordDeployment(application, resolvedVersion, environment,
                applicationInstance);
        out().printf("Recorded %s %s as deployed to %s%n", deployment.application(), deployment.version(),
                deployment.environment());
        out().flush();
        return 0;
    }
}
