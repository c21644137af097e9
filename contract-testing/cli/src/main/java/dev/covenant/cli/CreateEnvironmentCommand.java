package dev.covenant.cli;

import dev.covenant.client.Results.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code covenant create-environment --name production --production}; a no-op when it exists. */
@Command(name = "create-environment", mixinStandardHelpOptions = true,
        description = "Create an environment to record deployments in (nothing happens if it exists).")
final class CreateEnvironmentCommand extends RegistryCommand {

    @Option(names = "--name", required = true, description = "The environment's name, without spaces.")
    String name;

    @Option(names = "--production", description = "Mark it as a production environment.")
    boolean production;

    @Override
    public Integer call() {
        Environment environment = client().ensureEnvironment(name, production);
        out().printf("Environment %s (%s)%n", environment.name(), environment.uuid());
        out().flush();
        return 0;
    }
}
