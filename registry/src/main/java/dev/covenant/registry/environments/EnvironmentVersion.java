package dev.covenant.registry.environments;

import java.time.Instant;

/** An application version that is in an environment: deployed there, or released there. */
public sealed interface EnvironmentVersion permits Deployment, Release {

    String uuid();

    String application();

    String version();

    String environmentUuid();

    String environmentName();

    /** The instance deployed to; always null for releases. */
    String applicationInstance();

    Instant createdAt();
}
